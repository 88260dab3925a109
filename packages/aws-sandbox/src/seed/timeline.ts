import type { SandboxWorld } from '../world';

/** Something that happens at a point of the recent past while the seed plays it out. @public */
export interface TimelineEvent {
  at: number;
  run: () => Promise<void>;
}

const FINE_STEP_MS = 5_000;
const COARSE_STEP_MS = 30_000;
const FINE_WINDOW_MS = 30 * 60_000;

/**
 * Plays events of the recent past in time order: the clock moves in small
 * steps and the world ticks at each, as a running sandbox would, so every
 * lifecycle an event starts (a pipeline, a deployment) is where it would be by
 * `now`. Steps are 30 s until the last half hour, then 5 s.
 *
 * @public
 */
export async function playTimeline(
  world: SandboxWorld,
  events: TimelineEvent[],
  now: number,
): Promise<void> {
  const runUntil = (until: number) => {
    let t = world.clock.nowMs();
    while (t < until) {
      const step = now - t > FINE_WINDOW_MS ? COARSE_STEP_MS : FINE_STEP_MS;
      t = Math.min(until, t + step);
      world.clock.resumeAt(t);
      world.tick();
    }
  };
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    runUntil(event.at);
    await event.run();
  }
  runUntil(now);
}

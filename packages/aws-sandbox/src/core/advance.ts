import type { SandboxWorld } from '../world';

/**
 * Moves simulated time forward in steps, ticking the world after each, so
 * lifecycles see every moment as they would with a running clock (a task that
 * starts, then the traffic shift it allows).
 */
export function advanceWorld(
  world: Pick<SandboxWorld, 'clock' | 'tick'>,
  ms: number,
  stepMs = 5_000,
): void {
  let left = ms;
  while (left > 0) {
    const step = Math.min(stepMs, left);
    world.clock.advance(step);
    world.tick();
    left -= step;
  }
}

import { EnvironmentSnapshot } from './snapshot';

/** How often the watcher reads an entity, by what its deployments do. */
export interface WatchPace {
  /** Traffic shifting, tasks starting, a rollback running. */
  movingMs: number;
  /** Traffic shifted; the original kept for the bake or termination wait. */
  bakingMs: number;
  /** Waiting for a person: they may act elsewhere (the console, the CLI). */
  waitingMs: number;
}

/**
 * When to look at an entity next: at the pace of its busiest environment;
 * undefined when nothing moves or waits any more (the watch ends).
 */
export function nextLookIn(
  environments: EnvironmentSnapshot[],
  pace: WatchPace,
): number | undefined {
  let next: number | undefined;
  const sooner = (ms: number) => {
    next = next === undefined ? ms : Math.min(next, ms);
  };
  for (const env of environments) {
    if (env.moving && env.status !== 'BAKING' && env.status !== 'WAITING') {
      sooner(pace.movingMs);
    } else if (env.status === 'BAKING') {
      sooner(pace.bakingMs);
    } else if (env.waiting || env.moving) {
      sooner(pace.waitingMs);
    }
  }
  return next;
}

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

/** AWS's clock, to wait for a time AWS gave (see `ServerClock`). */
export interface AwsClock {
  msUntil(iso: string): number | undefined;
}

/** After a step is due, so that the look finds it taken. */
const STEP_MARGIN_MS = 1000;

/**
 * When to look at an entity next: at the pace of its busiest environment;
 * undefined when nothing moves or waits any more (the watch ends).
 *
 * A canary or linear shift changes nothing between its steps, and CodeDeploy
 * says when the next one is due: the look waits for it (on AWS's clock, at
 * AWS's pace), no longer than the waiting pace, at which what happens
 * outside the portal (a stop in the console, an alarm's rollback) shows.
 *
 * `stepDueTaken`: asked before a look, which will find a step that is due
 * taken, and the look after it then waits for the following step.
 */
export function nextLookIn(
  environments: EnvironmentSnapshot[],
  pace: WatchPace,
  awsClock?: AwsClock,
  { stepDueTaken = false }: { stepDueTaken?: boolean } = {},
): number | undefined {
  let next: number | undefined;
  const sooner = (ms: number) => {
    next = next === undefined ? ms : Math.min(next, ms);
  };
  for (const env of environments) {
    if (env.moving && env.status !== 'BAKING' && env.status !== 'WAITING') {
      sooner(movingLookIn(env, pace, awsClock, stepDueTaken));
    } else if (env.status === 'BAKING') {
      sooner(pace.bakingMs);
    } else if (env.waiting || env.moving) {
      sooner(pace.waitingMs);
    }
  }
  return next;
}

const MINUTE = 60_000;

function movingLookIn(
  env: EnvironmentSnapshot,
  pace: WatchPace,
  awsClock: AwsClock | undefined,
  stepDueTaken: boolean,
): number {
  if (!env.nextStepAt || !awsClock) return pace.movingMs;
  let untilStep = awsClock.msUntil(env.nextStepAt);
  if (untilStep === undefined) return pace.movingMs;
  if (stepDueTaken && untilStep < pace.movingMs && env.stepMinutes) {
    const following = Date.parse(env.nextStepAt) + env.stepMinutes * MINUTE;
    untilStep = awsClock.msUntil(new Date(following).toISOString()) ?? 0;
  }
  return Math.min(
    Math.max(untilStep + STEP_MARGIN_MS, pace.movingMs),
    Math.max(pace.waitingMs, pace.movingMs),
  );
}

import { createHash } from 'node:crypto';
import type { EcsLifecycleEventName } from '../services/codedeploy/model';
import { imageManifest } from '../testing/ecr';

/*
 * The plan of a service's past deployments in one environment: when each
 * happened, which commit and image it shipped and how it ended. Pure data from
 * a seeded PRNG; `history.ts` turns it into records.
 */

/** @public */
export type Outcome = 'success' | 'failure' | 'rollback' | 'rejected';

/** @public */
export interface PlannedDeployment {
  startedAt: number;
  commitId: string;
  imageDigest: string;
  /** index of the task definition revision it registered (1-based) */
  revision: number;
  outcome: Outcome;
  /** who approved, rejected or stopped it */
  person: string;
  trigger: 'CloudWatchEvent' | 'StartPipelineExecution';
  failure?: {
    event: EcsLifecycleEventName;
    reason: string;
    exitCode: number;
  };
  /** minutes the approval waited (approval envs) */
  approvalMinutes: number;
}

const FAILURES: {
  event: EcsLifecycleEventName;
  reason: string;
  exitCode: number;
}[] = [
  {
    event: 'Install',
    reason: 'Essential container in task exited',
    exitCode: 1,
  },
  {
    event: 'Install',
    reason: 'OutOfMemoryError: Container killed due to memory usage',
    exitCode: 137,
  },
  {
    event: 'Install',
    reason: 'Task failed ELB health checks in (target-group)',
    exitCode: 143,
  },
  {
    event: 'Install',
    reason: 'Essential container in task exited',
    exitCode: 139,
  },
  {
    event: 'AfterAllowTestTraffic',
    reason: 'Smoke tests against the test listener failed',
    exitCode: 1,
  },
];

/** A fake but stable 40-hex commit id. @public */
export function commitIdFor(service: string, n: number): string {
  return createHash('sha1').update(`${service}#${n}`).digest('hex');
}

/** @public */
export function digestOf(manifest: string): string {
  return `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
}

/**
 * `count` deployments spread over `days` before `now`, oldest first. Failures,
 * rollbacks and (where there is an approval) rejections come from `random`.
 *
 * @public
 */
export function planHistory(options: {
  service: string;
  random: () => number;
  now: number;
  days: number;
  count: number;
  withApproval: boolean;
  people: string[];
  /** commit numbering offset, so envs ship a subset of the same commits */
  commitOf: (i: number) => number;
  /** the window ends this long before now (default two hours) */
  endsAgoMs?: number;
}): PlannedDeployment[] {
  const { random, now, days, count } = options;
  const span = days * 24 * 60 * 60 * 1000;
  const slot = span / Math.max(count, 1);
  const end = now - (options.endsAgoMs ?? 2 * 60 * 60 * 1000);
  const plans: PlannedDeployment[] = [];
  for (let i = 0; i < count; i++) {
    // Jitter within each slot; the window ends before now, so nothing
    // planned is still running.
    const startedAt = Math.round(end - span + i * slot + random() * slot * 0.6);
    const roll = random();
    let outcome: Outcome = 'success';
    if (options.withApproval && roll < 0.06) outcome = 'rejected';
    else if (roll < 0.16) outcome = 'failure';
    else if (roll < 0.21) outcome = 'rollback';
    const commitId = commitIdFor(options.service, options.commitOf(i));
    plans.push({
      startedAt,
      commitId,
      imageDigest: digestOf(imageManifest(commitId)),
      revision: i + 1,
      outcome,
      person: options.people[Math.floor(random() * options.people.length)],
      trigger: random() < 0.85 ? 'CloudWatchEvent' : 'StartPipelineExecution',
      failure:
        outcome === 'failure'
          ? FAILURES[Math.floor(random() * FAILURES.length)]
          : undefined,
      approvalMinutes: 5 + Math.floor(random() * 180),
    });
  }
  return plans;
}

import type { SeedContext } from '../core/types';
import { putApprovalResult } from '../services/codepipeline/executionControls';
import { DEMO_ENVIRONMENTS, DEMO_REGION } from './catalog';
import { pushImage } from './images';
import { pipelineName } from './names';
import { commitIdFor } from './plan';
import type { TimelineEvent } from './timeline';

const MINUTE = 60_000;

/** A step of the live state: at `minutesAgo`, push a new commit's image with an env tag. */
interface LiveStep {
  minutesAgo: number;
  service: string;
  env: string;
  /** approve the pipeline's manual approval this many minutes after the push */
  approveAfterMinutes?: number;
  approver?: string;
}

/**
 * What is going on when the portal starts: payments-api prod has a
 * CodeDeploy deployment waiting at READY for a person, payments-api staging a
 * canary in progress, checkout-web prod a pipeline waiting at its manual
 * approval, inventory-api staging an ECS blue/green deployment in bake time.
 *
 * They are made the way AWS would make them, by pushing images that the
 * pipelines watch, with the clock set back to when each push happened and then
 * run forward to now, so every lifecycle is where it would be.
 */
export const LIVE_STEPS: LiveStep[] = [
  { minutesAgo: 25, service: 'checkout-web', env: 'prod' },
  {
    minutesAgo: 14,
    service: 'payments-api',
    env: 'prod',
    approveAfterMinutes: 6,
    approver: 'priya.patel',
  },
  { minutesAgo: 6, service: 'inventory-api', env: 'staging' },
  { minutesAgo: 3.5, service: 'payments-api', env: 'staging' },
];

/** The commit a live step ships: newer than any in the history. */
export const liveCommitOf = (service: string, step: number) =>
  commitIdFor(service, 10_000 + step);

export function liveStateEvents(
  ctx: SeedContext,
  now: number,
): TimelineEvent[] {
  const { world } = ctx;
  const pipelines = world.stores.codepipeline;
  const events: TimelineEvent[] = [];
  for (const [index, step] of LIVE_STEPS.entries()) {
    const commitId = liveCommitOf(step.service, index);
    events.push({
      at: now - step.minutesAgo * MINUTE,
      run: () =>
        pushImage(
          ctx,
          step.service,
          commitId,
          [commitId.slice(0, 7), step.env],
          DEMO_REGION,
        ),
    });
    if (step.approveAfterMinutes !== undefined) {
      events.push({
        at: now - (step.minutesAgo - step.approveAfterMinutes) * MINUTE,
        run: async () => {
          const accountId = DEMO_ENVIRONMENTS.find(
            e => e.name === step.env,
          )!.accountId;
          const pipeline = pipelines.getPipeline(
            { accountId, region: DEMO_REGION },
            pipelineName(step.service, step.env),
          );
          const e = pipelines.latestForStage(pipeline, 'Approve');
          const run = e?.actions.find(
            a => a.stageName === 'Approve' && a.status === 'InProgress',
          );
          if (!run?.token) return;
          putApprovalResult(pipelines, pipeline, {
            stageName: 'Approve',
            actionName: run.actionName,
            token: run.token,
            result: {
              status: 'Approved',
              summary: `Ship ${commitId.slice(0, 7)} to ${step.env}`,
            },
            approvedBy: `arn:aws:sts::${accountId}:assumed-role/backstage-ecs-deploy/${step.approver}`,
            now: world.clock.nowMs(),
          });
        },
      });
    }
  }
  return events;
}

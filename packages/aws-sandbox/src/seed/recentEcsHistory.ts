import type { SeedContext } from '../core/types';
import type { FleetService } from './catalog';
import { DEMO_REGION } from './catalog';
import { pushImage } from './images';
import type { Placement } from './infrastructure';
import { taskDefinitionInput } from './taskDefinitions';
import { clusterName } from './names';
import { commitIdFor } from './plan';
import type { TimelineEvent } from './timeline';

const HOUR = 60 * 60_000;

/** Hours before now of the ECS services' played-out deployments. @public */
export const RECENT_ECS_DEPLOYMENTS = { release: 24, brokenHotfix: 12 };

/**
 * ECS service deployments of the last day for an ECS-controller service,
 * played out through the real lifecycle (older ones are imported as finished
 * records): a release through the pipeline (an image pushed with the
 * environment's tag), and a hand-deployed hotfix whose containers crash, so
 * the circuit breaker rolls it back and its stopped tasks keep their exit
 * codes.
 *
 * @public
 */
export function recentEcsEvents(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
  repositoryUri: string,
  now: number,
  slot: number,
): TimelineEvent[] {
  const where = { accountId: at.accountId, region: at.region };
  const offset = slot * 5 * 60_000;
  const release = commitIdFor(service.name, 20_000 + slot);
  const hotfix = commitIdFor(service.name, 30_000 + slot);
  return [
    {
      at: now - RECENT_ECS_DEPLOYMENTS.release * HOUR + offset,
      run: () =>
        pushImage(
          ctx,
          service.name,
          release,
          [release.slice(0, 7), at.env],
          DEMO_REGION,
        ),
    },
    {
      at: now - RECENT_ECS_DEPLOYMENTS.brokenHotfix * HOUR + offset,
      run: async () => {
        const registered = await ctx.invoke(
          'ecs',
          'RegisterTaskDefinition',
          taskDefinitionInput(
            service,
            `${repositoryUri}:broken-${hotfix.slice(0, 7)}`,
          ),
          where,
        );
        await ctx.invoke(
          'ecs',
          'UpdateService',
          {
            cluster: clusterName(at.env),
            service: service.name,
            taskDefinition: registered.taskDefinition.taskDefinitionArn,
          },
          where,
        );
      },
    },
  ];
}

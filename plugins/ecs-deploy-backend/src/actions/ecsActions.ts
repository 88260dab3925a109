import {
  ContinueServiceDeploymentCommand,
  ServiceDeployment,
  StopServiceDeploymentCommand,
} from '@aws-sdk/client-ecs';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { EcsServiceRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import { callAws } from '../service/aws/callAws';
import {
  describeServiceDeployments,
  serviceDeploymentArn,
} from '../service/aws/ecsReads';
import { ActionContext, ActionTarget, PreparedAction } from './types';

/** The deployment actions ECS-native deployments support. */
export type EcsActionName = 'continue' | 'rollback';

const STOPPABLE = new Set(['PENDING', 'IN_PROGRESS']);

function describeState(d: ServiceDeployment): string {
  const hooks = (d.lifecycleHookDetails ?? [])
    .map(h => `${h.targetType ?? 'hook'} ${h.status ?? ''}`.trim())
    .join(', ');
  return `it is ${d.status ?? 'in an unknown state'}${
    d.lifecycleStage ? ` at ${d.lifecycleStage}` : ''
  }${hooks ? ` (hooks: ${hooks})` : ''}`;
}

/**
 * Continue an ECS service deployment paused at a lifecycle hook
 * (ContinueServiceDeployment), or stop and roll it back
 * (StopServiceDeployment with ROLLBACK).
 */
export function prepareEcsAction(
  ctx: ActionContext,
  target: ActionTarget,
  action: EcsActionName,
  id: string,
  service: EcsServiceRef,
): PreparedAction {
  const arn = serviceDeploymentArn(service, id);
  const operation = `${action} of ECS service deployment ${id} (${target.loaded.env.name})`;
  return {
    ownedResource: service.arn,
    async perform() {
      // The ARN is built from the entity's service, so it cannot name another's.
      const [deployment] = await describeServiceDeployments(
        ctx.reads,
        service,
        [arn],
      );
      if (!deployment) {
        throw new NotFoundError(
          `Service deployment ${id} is not a deployment of ${service.serviceName}`,
        );
      }
      const { ecs } = await ctx.reads.clients.forResource({
        accountId: service.accountId,
        region: service.region,
      });

      if (action === 'continue') {
        const hook = (deployment.lifecycleHookDetails ?? []).find(
          h => h.status === 'AWAITING_ACTION',
        );
        if (deployment.status !== 'IN_PROGRESS' || !hook?.hookId) {
          throw new ConflictError(
            `Service deployment ${id} is not paused at a lifecycle hook: ${describeState(
              deployment,
            )}`,
          );
        }
        await callAws(
          () =>
            ecs.send(
              new ContinueServiceDeploymentCommand({
                serviceDeploymentArn: arn,
                hookId: hook.hookId,
                action: 'CONTINUE',
              }),
            ),
          { operation, iamAction: 'ecs:ContinueServiceDeployment' },
        );
        return {
          message: `Service deployment ${id} continues past ${
            deployment.lifecycleStage ?? 'its lifecycle hook'
          }`,
          awsResource: arn,
        };
      }

      if (!STOPPABLE.has(deployment.status ?? '')) {
        throw new ConflictError(
          `Service deployment ${id} cannot be stopped: ${describeState(
            deployment,
          )}`,
        );
      }
      await callAws(
        () =>
          ecs.send(
            new StopServiceDeploymentCommand({
              serviceDeploymentArn: arn,
              stopType: 'ROLLBACK',
            }),
          ),
        { operation, iamAction: 'ecs:StopServiceDeployment' },
      );
      return {
        message: `Service deployment ${id} stopped: ECS rolls back to the previous revision`,
        awsResource: arn,
      };
    },
  };
}

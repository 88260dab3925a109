import { ConflictError, NotFoundError } from '@backstage/errors';
import { EcsServiceRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsServiceDeploymentArn } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
} from '../../actions/types';
import {
  EcsActionName,
  TAKEN,
  awaitingHook,
  ecsRefusal,
} from './preconditions';

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
  const arn = ecsServiceDeploymentArn({ ...service, id });
  const operation = `${action} of ECS service deployment ${id} (${target.loaded.env.name})`;
  const read = async () => {
    // The ARN is built from the entity's service, so it cannot name another's.
    const [deployment] = await ctx.aws.ecs.serviceDeployments(service, [arn]);
    if (!deployment) {
      throw new NotFoundError(
        `Service deployment ${id} is not a deployment of ${service.serviceName}`,
      );
    }
    return deployment;
  };
  const outcome = (pausedAt?: string): ActionOutcome => ({
    message:
      action === 'continue'
        ? `Service deployment ${id} continues past ${
            pausedAt ?? 'its lifecycle hook'
          }`
        : `Service deployment ${id} stopped: ECS rolls back to the previous revision`,
    awsResource: arn,
  });
  return {
    ownedResource: service.arn,
    async perform({ mutate }) {
      const deployment = await read();
      const refusal = ecsRefusal(action, id, deployment);
      if (refusal) throw new ConflictError(refusal);
      if (action === 'continue') {
        await mutate(() =>
          ctx.aws.ecs.continueServiceDeployment(
            service,
            {
              serviceDeploymentArn: arn,
              hookId: awaitingHook(deployment)!.hookId!,
            },
            { operation },
          ),
        );
        return outcome(deployment.lifecycleStage);
      }
      await mutate(() =>
        ctx.aws.ecs.stopServiceDeployment(service, arn, { operation }),
      );
      return outcome();
    },
    async reconcile() {
      return TAKEN[action](await read()) ? outcome() : undefined;
    },
  };
}

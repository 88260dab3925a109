import {
  ContinueServiceDeploymentCommand,
  ServiceDeployment,
  StopServiceDeploymentCommand,
} from '@aws-sdk/client-ecs';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { EcsServiceRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  describeServiceDeployments,
  serviceDeploymentArn,
} from '../service/aws/ecsReads';
import {
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
} from './types';

/** The deployment actions ECS-native deployments support. */
export type EcsActionName = 'continue' | 'rollback';

const STOPPABLE = new Set(['PENDING', 'IN_PROGRESS']);

/** Where each action leaves a service deployment once ECS has taken it. */
const TAKEN: Record<EcsActionName, (d: ServiceDeployment) => boolean> = {
  // Past the hook: moving or done, and nothing awaits a person.
  continue: d =>
    ['IN_PROGRESS', 'SUCCESSFUL'].includes(d.status ?? '') &&
    !(d.lifecycleHookDetails ?? []).some(h => h.status === 'AWAITING_ACTION'),
  rollback: d => (d.status ?? '').startsWith('ROLLBACK_'),
};

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
  const read = async () => {
    // The ARN is built from the entity's service, so it cannot name another's.
    const [deployment] = await describeServiceDeployments(ctx.reads, service, [
      arn,
    ]);
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
        await mutate(
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
        return outcome(deployment.lifecycleStage);
      }

      if (!STOPPABLE.has(deployment.status ?? '')) {
        throw new ConflictError(
          `Service deployment ${id} cannot be stopped: ${describeState(
            deployment,
          )}`,
        );
      }
      await mutate(
        () =>
          ecs.send(
            new StopServiceDeploymentCommand({
              serviceDeploymentArn: arn,
              stopType: 'ROLLBACK',
            }),
          ),
        { operation, iamAction: 'ecs:StopServiceDeployment' },
      );
      return outcome();
    },
    async reconcile() {
      return TAKEN[action](await read()) ? outcome() : undefined;
    },
  };
}

import {
  ContinueDeploymentCommand,
  DeploymentInfo,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { batchGetDeployments } from '../service/aws/codeDeployReads';
import {
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
  partitionOf,
} from './types';

/** The deployment actions CodeDeploy performs. */
export type CodeDeployActionName = 'continue' | 'finish-early' | 'rollback';

/** CodeDeploy statuses from which StopDeployment can still roll back. */
const STOPPABLE = new Set([
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Ready',
]);

const MESSAGES: Record<CodeDeployActionName, string> = {
  continue: 'continues: traffic is shifting to the replacement task set',
  'finish-early': 'finishes now: the original task set is being terminated',
  rollback: 'stopped: traffic returns to the original task set',
};

/** Where each action leaves a deployment once CodeDeploy has taken it. */
const TAKEN: Record<CodeDeployActionName, (info: DeploymentInfo) => boolean> = {
  // Rerouting started: no longer Ready, and not stopped instead.
  continue: info =>
    ['InProgress', 'Baking', 'Succeeded'].includes(info.status ?? ''),
  // The original task set was terminated: the deployment ended.
  'finish-early': info => info.status === 'Succeeded',
  rollback: info => info.status === 'Stopped',
};

/** The ARN of a deployment group, which is what carries the owner tag. */
export function deploymentGroupArn(
  target: ActionTarget,
  group: { application: string; deploymentGroup: string },
): string {
  const { env } = target.loaded;
  return `arn:${partitionOf(
    env.service?.arn ?? env.pipeline?.arn,
  )}:codedeploy:${env.region}:${env.accountId}:deploymentgroup:${
    group.application
  }/${group.deploymentGroup}`;
}

function describeState(info: DeploymentInfo): string {
  const parts = [`it is ${info.status ?? 'in an unknown state'}`];
  if (info.instanceTerminationWaitTimeStarted) {
    parts.push('waiting to terminate the original task set');
  }
  return parts.join(', ');
}

/**
 * Continue (READY_WAIT), finish early (TERMINATION_WAIT) or stop and roll
 * back a CodeDeploy blue/green deployment of the environment's group.
 */
export function prepareCodeDeployAction(
  ctx: ActionContext,
  target: ActionTarget,
  action: CodeDeployActionName,
  deploymentId: string,
  group: { application: string; deploymentGroup: string },
): PreparedAction {
  const { env } = target.loaded;
  const location = { accountId: env.accountId, region: env.region };
  const operation = `${action} of CodeDeploy deployment ${deploymentId} (${env.name})`;
  const outcome: ActionOutcome = {
    message: `Deployment ${deploymentId} ${MESSAGES[action]}`,
    awsResource: deploymentId,
  };
  const deployment = async () => {
    const [info] = await batchGetDeployments(ctx.reads, location, [
      deploymentId,
    ]);
    // The id comes from the request: it must be one of this group's.
    if (
      !info ||
      info.applicationName !== group.application ||
      info.deploymentGroupName !== group.deploymentGroup
    ) {
      throw new NotFoundError(
        `Deployment ${deploymentId} is not a deployment of ${group.application}/${group.deploymentGroup} (${env.name})`,
      );
    }
    return info;
  };

  return {
    ownedResource: deploymentGroupArn(target, group),
    async perform({ mutate }) {
      const info = await deployment();
      const { codeDeploy } = await ctx.reads.clients.forResource(location);

      if (action === 'continue') {
        if (info.status !== 'Ready') {
          throw new ConflictError(
            `Deployment ${deploymentId} is not waiting for traffic rerouting: ${describeState(
              info,
            )}`,
          );
        }
        await mutate(
          () =>
            codeDeploy.send(
              new ContinueDeploymentCommand({
                deploymentId,
                deploymentWaitType: 'READY_WAIT',
              }),
            ),
          { operation, iamAction: 'codedeploy:ContinueDeployment' },
        );
        return outcome;
      }

      if (action === 'finish-early') {
        if (
          info.status !== 'InProgress' ||
          !info.instanceTerminationWaitTimeStarted
        ) {
          throw new ConflictError(
            `Deployment ${deploymentId} is not waiting to terminate the original task set: ${describeState(
              info,
            )}`,
          );
        }
        await mutate(
          () =>
            codeDeploy.send(
              new ContinueDeploymentCommand({
                deploymentId,
                deploymentWaitType: 'TERMINATION_WAIT',
              }),
            ),
          { operation, iamAction: 'codedeploy:ContinueDeployment' },
        );
        return outcome;
      }

      if (!STOPPABLE.has(info.status ?? '')) {
        throw new ConflictError(
          `Deployment ${deploymentId} cannot be stopped: ${describeState(
            info,
          )}`,
        );
      }
      await mutate(
        () =>
          codeDeploy.send(
            new StopDeploymentCommand({
              deploymentId,
              autoRollbackEnabled: true,
            }),
          ),
        { operation, iamAction: 'codedeploy:StopDeployment' },
      );
      return outcome;
    },
    async reconcile() {
      return TAKEN[action](await deployment()) ? outcome : undefined;
    },
  };
}

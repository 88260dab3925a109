import {
  ContinueDeploymentCommand,
  DeploymentInfo,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { batchGetDeployments } from '../service/aws/codeDeployReads';
import { callAws } from '../service/aws/callAws';
import {
  ActionContext,
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

  return {
    ownedResource: deploymentGroupArn(target, group),
    async perform() {
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
      const { codeDeploy } = await ctx.reads.clients.forResource(location);

      if (action === 'continue') {
        if (info.status !== 'Ready') {
          throw new ConflictError(
            `Deployment ${deploymentId} is not waiting for traffic rerouting: ${describeState(
              info,
            )}`,
          );
        }
        await callAws(
          () =>
            codeDeploy.send(
              new ContinueDeploymentCommand({
                deploymentId,
                deploymentWaitType: 'READY_WAIT',
              }),
            ),
          { operation, iamAction: 'codedeploy:ContinueDeployment' },
        );
        return {
          message: `Deployment ${deploymentId} continues: traffic is shifting to the replacement task set`,
          awsResource: deploymentId,
        };
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
        await callAws(
          () =>
            codeDeploy.send(
              new ContinueDeploymentCommand({
                deploymentId,
                deploymentWaitType: 'TERMINATION_WAIT',
              }),
            ),
          { operation, iamAction: 'codedeploy:ContinueDeployment' },
        );
        return {
          message: `Deployment ${deploymentId} finishes now: the original task set is being terminated`,
          awsResource: deploymentId,
        };
      }

      if (!STOPPABLE.has(info.status ?? '')) {
        throw new ConflictError(
          `Deployment ${deploymentId} cannot be stopped: ${describeState(
            info,
          )}`,
        );
      }
      await callAws(
        () =>
          codeDeploy.send(
            new StopDeploymentCommand({
              deploymentId,
              autoRollbackEnabled: true,
            }),
          ),
        { operation, iamAction: 'codedeploy:StopDeployment' },
      );
      return {
        message: `Deployment ${deploymentId} stopped: traffic returns to the original task set`,
        awsResource: deploymentId,
      };
    },
  };
}

import { codeDeployDeploymentGroupArn } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { GroupRef } from '../../aws/codeDeploy';
import {
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
} from '../../actions/types';
import { DeploymentActionName } from '../DeploymentSystem';
import { TAKEN, codeDeployRefusal } from './preconditions';

const MESSAGES: Record<DeploymentActionName, string> = {
  continue: 'continues: traffic is shifting to the replacement task set',
  'finish-early': 'finishes now: the original task set is being terminated',
  rollback: 'stopped: traffic returns to the original task set',
};

/** The ARN of a deployment group, which is what carries the owner tag. */
function deploymentGroupArn(target: ActionTarget, group: GroupRef): string {
  const { env } = target.loaded;
  return codeDeployDeploymentGroupArn({
    accountId: env.accountId,
    region: env.region,
    partition: env.service?.partition ?? env.pipeline?.partition,
    application: group.application,
    deploymentGroup: group.deploymentGroup,
  });
}

/**
 * Continue (READY_WAIT), finish early (TERMINATION_WAIT) or stop and roll
 * back a CodeDeploy blue/green deployment of the environment's group.
 */
export function prepareCodeDeployAction(
  ctx: ActionContext,
  target: ActionTarget,
  action: DeploymentActionName,
  deploymentId: string,
  group: GroupRef,
): PreparedAction {
  const { env } = target.loaded;
  const location = { accountId: env.accountId, region: env.region };
  const operation = `${action} of CodeDeploy deployment ${deploymentId} (${env.name})`;
  const outcome: ActionOutcome = {
    message: `Deployment ${deploymentId} ${MESSAGES[action]}`,
    awsResource: deploymentId,
  };
  const deployment = async () => {
    const [info] = await ctx.aws.codeDeploy.deployments(location, [
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
      const refusal = codeDeployRefusal(action, await deployment());
      if (refusal) throw new ConflictError(refusal);
      await mutate(() =>
        action === 'rollback'
          ? ctx.aws.codeDeploy.stopDeployment(location, deploymentId, {
              operation,
            })
          : ctx.aws.codeDeploy.continueDeployment(
              location,
              deploymentId,
              action === 'continue' ? 'READY_WAIT' : 'TERMINATION_WAIT',
              { operation },
            ),
      );
      return outcome;
    },
    async reconcile() {
      return TAKEN[action](await deployment()) ? outcome : undefined;
    },
  };
}

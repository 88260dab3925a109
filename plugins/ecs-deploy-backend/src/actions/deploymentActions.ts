import { InputError } from '@backstage/errors';
import { parseDeploymentId } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  CodeDeployActionName,
  prepareCodeDeployAction,
} from './codeDeployActions';
import { prepareEcsAction } from './ecsActions';
import { ActionContext, ActionTarget, PreparedAction } from './types';

/**
 * Continue, finish early or roll back the deployment a history id names, with
 * the API of whoever runs it: CodeDeploy for `codedeploy:` ids, ECS for `ecs:`.
 */
export function prepareDeploymentAction(
  ctx: ActionContext,
  target: ActionTarget,
  action: CodeDeployActionName,
  deploymentId: string,
): PreparedAction {
  const { env, service, codeDeploy } = target.loaded;
  const parsed = parseDeploymentId(deploymentId);
  if (!parsed || parsed.kind === 'pipeline') {
    throw new InputError(
      `deploymentId: '${deploymentId}' is not a deployment id from the history (codedeploy:… or ecs:…)`,
    );
  }
  if (parsed.kind === 'codedeploy') {
    if (!codeDeploy) {
      throw new InputError(
        `deploymentId: environment '${env.name}' has no CodeDeploy deployment group`,
      );
    }
    return prepareCodeDeployAction(
      ctx,
      target,
      action,
      parsed.awsId,
      codeDeploy,
    );
  }
  if (!env.service || service?.controller !== 'ECS') {
    throw new InputError(
      `deploymentId: environment '${env.name}' has no service deployed by the ECS deployment controller`,
    );
  }
  if (action === 'finish-early') {
    throw new InputError(
      `deploymentId: finish-early applies to CodeDeploy blue/green deployments; ECS deployments end with their bake time`,
    );
  }
  return prepareEcsAction(ctx, target, action, parsed.awsId, env.service);
}

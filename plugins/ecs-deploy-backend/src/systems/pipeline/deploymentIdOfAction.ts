import { ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import {
  arnResourceId,
  formatDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * The history id of the deployment an action started, from the action's
 * external execution id: a CodeDeploy deployment id for CodeDeploy actions,
 * a service deployment ARN for ECS actions.
 */
export function deploymentIdOfAction(
  action: Pick<ActionExecutionDetail, 'input' | 'output'>,
): string | undefined {
  const external = action.output?.executionResult?.externalExecutionId;
  if (!external) return undefined;
  if (/^d-[A-Z0-9]+$/.test(external)) {
    return formatDeploymentId('codedeploy', external);
  }
  if (external.includes(':service-deployment/')) {
    return formatDeploymentId('ecs', arnResourceId(external));
  }
  return undefined;
}

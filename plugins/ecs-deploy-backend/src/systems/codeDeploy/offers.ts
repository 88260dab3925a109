import { DeploymentInfo } from '@aws-sdk/client-codedeploy';
import { ActionOffer } from '@ecs-deploy/plugin-ecs-deploy-common';
import { offer } from '../offers';
import { codeDeployRefusal } from './preconditions';

const ACTIONS = ['continue', 'finish-early', 'rollback'] as const;

/** The actions on a CodeDeploy deployment, by the predicates the actions check. */
export function codeDeployOffers(
  info: DeploymentInfo,
  historyId: string,
): ActionOffer[] {
  return ACTIONS.map(action =>
    offer(action, codeDeployRefusal(action, info), { deploymentId: historyId }),
  );
}

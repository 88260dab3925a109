import { ServiceDeployment } from '@aws-sdk/client-ecs';
import {
  ActionOffer,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { offer } from '../offers';
import { ecsRefusal } from './preconditions';

const ACTIONS = ['continue', 'rollback'] as const;

/** The actions on an ECS service deployment, by the predicates the actions check. */
export function ecsOffers(
  deployment: ServiceDeployment,
  historyId: string,
): ActionOffer[] {
  const id = parseDeploymentId(historyId)?.awsId ?? historyId;
  return ACTIONS.map(action =>
    offer(action, ecsRefusal(action, id, deployment), {
      deploymentId: historyId,
    }),
  );
}

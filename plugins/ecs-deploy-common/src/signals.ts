import { DeploymentStatus } from './api/model';

/**
 * The signals channel of one entity's deployments: the backend's watcher
 * publishes on it when an environment's deployment or traffic changes, and
 * the entity's tabs refresh that environment. A channel per entity keeps a
 * viewer from hearing about services it does not look at.
 *
 * @public
 */
export function ecsDeploySignalChannel(entityRef: string): string {
  return `ecs-deploy:${entityRef.toLocaleLowerCase('en-US')}`;
}

/**
 * What a signal says: which environment changed and how, never what it
 * runs or where. Signals go to every subscriber of the channel, so a viewer
 * still reads the new state through the routes, as itself.
 *
 * @public
 */
export interface EcsDeploySignal {
  entityRef: string;
  environment: string;
  /** The deployment under way or last seen, when there is one. */
  deploymentId?: string;
  status?: DeploymentStatus;
  /** True while a deployment waits for someone (to continue, approve). */
  waiting: boolean;
  /** When the watcher saw the change. */
  seenAt: string;
}

/**
 * Asks for the newest state the replicas share, past this replica's own
 * copies: a read that follows a signal sends it, so whichever replica answers
 * shows what the watcher saw. It never makes the backend call AWS sooner.
 *
 * @public
 */
export const FRESH_READ_HEADER = 'X-Ecs-Deploy-Fresh';

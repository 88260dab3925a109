/** Where the Deployments tab sits under the entity page by default. */
export const DEFAULT_DEPLOYMENTS_PATH = '/ecs-deployments';
/** Where the Traffic tab sits under the entity page by default. */
export const DEFAULT_TRAFFIC_PATH = '/ecs-traffic';

/** Where the Deployments tab sits under the entity page by default. */
export const DEFAULT_DEPLOYMENTS_PATH = '/deployments';
/** Where the Traffic tab sits under the entity page by default. */
export const DEFAULT_TRAFFIC_PATH = '/traffic';

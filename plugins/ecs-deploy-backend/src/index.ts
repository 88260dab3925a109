/**
 * The ECS Deploy backend plugin.
 *
 * @packageDocumentation
 */
export { ecsDeployPlugin as default } from './plugin';

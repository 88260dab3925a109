/**
 * The ECS Deploy frontend plugin for the new frontend system.
 *
 * @packageDocumentation
 */
export * from './alpha/index';
export { default } from './alpha/index';

/**
 * Builders of the fleet shapes tests and seeds need (a blue/green ALB, ECS
 * services per deployment controller, CodeDeploy groups, pipelines, ECR
 * repositories with images, owner tags), through the SDK over HTTP or the
 * sandbox's in-process operations.
 *
 * @packageDocumentation
 */

export * from './fleetCaller';
export * from './sdkFleetCaller';
export * from './tags';
export * from './network';
export * from './cluster';
export * from './blueGreenAlb';
export * from './taskDefinition';
export * from './ecsService';
export * from './codeDeploy';
export * from './pipeline';
export * from './ecr';

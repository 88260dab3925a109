/**
 * A local stand-in for the AWS APIs the ECS Deploy suite uses, speaking the
 * real wire protocols so unmodified AWS SDK v3 clients talk to it.
 *
 * @packageDocumentation
 */

export * from './server';
export { AwsError } from './core/AwsError';
export { SandboxClock } from './core/SandboxClock';
export * from './core/types';
export * from './core/validate';
export * from './core/pagination';
export type * from './world';
export { main as runSandboxCli, runCli } from './cli';
export {
  sandboxClientConfig,
  advanceSandbox,
  sandboxControl,
  type SandboxControl,
} from './testUtils';
export { serviceModules, seeders } from './services';
// The stores with sandbox knobs (failNextDeployment, setAlarmState,
// pushSourceCommit), as `world.stores.codedeploy` and `.codepipeline` type them.
export { CodeDeployStore } from './services/codedeploy';
export { CodePipelineStore } from './services/codepipeline';
export {
  seedDemoFleet,
  generateFleet,
  type FleetOptions,
  DEMO_SERVICES,
  DEMO_ENVIRONMENTS,
  DEMO_REGION,
  type FleetService,
  type FleetEnvironment,
  type Controller,
} from './seed';

/**
 * Scaffolder actions that create an ECS service with CodeDeploy blue/green
 * deployments, its CodePipeline and its infrastructure repository.
 *
 * @packageDocumentation
 */

export { scaffolderModuleEcsActions as default } from './module';
export { createInfraRepoCreateAction } from './actions/infraRepoCreate';
export { createEcrEnsureRepositoryAction } from './actions/ecrEnsureRepository';
export { createEcsServiceCreateAction } from './actions/ecsServiceCreate';
export { createCodeDeployCreateAction } from './actions/codeDeployCreate';
export { createPipelineCreateAction } from './actions/pipelineCreate';
export { createServiceCheckAction } from './actions/serviceCheck';
export { ServiceAuthorizer } from './authz/ServiceAuthorizer';
export type {
  InitiatorContext,
  ServiceOwnership,
} from './authz/ServiceAuthorizer';
export type { EcsActionOptions } from './actions/options';
export { resolveDeploymentConfig } from './plan/deploymentConfig';
export type { TrafficShift } from './plan/deploymentConfig';
export {
  readScaffolderSettings,
  defaultRoleArns,
  defaultArtifactBucket,
} from './config/scaffolderConfig';
export type {
  EnvironmentTarget,
  InfraRepositoryTarget,
  ScaffolderSettings,
  SharedLoadBalancer,
} from './config/scaffolderConfig';
export {
  environmentNamed,
  registryLocation,
} from './config/resolveEnvironment';
export {
  renderInfraRepository,
  environmentDir,
} from './render/renderInfraRepository';
export { buildPipelineDeclaration } from './render/pipelineDeclaration';
export type { PipelineSpec } from './render/pipelineDeclaration';
export type {
  InfraRepositorySpec,
  ServiceEnvironmentSpec,
} from './render/types';
export { fargateMemoryOptions, parseFargateSize } from './lib/fargate';
export type { FargateSize } from './lib/fargate';
export type { CdkServiceSettings } from './render/cdk/types';

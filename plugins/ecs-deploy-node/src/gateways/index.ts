export * as ecsGateway from './ecs';
export * as codeDeployGateway from './codeDeploy';
export * as codePipelineGateway from './codePipeline';
export * as ecrGateway from './ecr';
export * as elbv2Gateway from './elbv2';
export * as taggingGateway from './tagging';
export type { GatewayCallContext } from './call';

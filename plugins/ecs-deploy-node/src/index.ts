/**
 * AWS plumbing shared by the ECS Deploy backend plugin and scaffolder module:
 * client construction per account and region, AWS error mapping, tagging,
 * and one gateway per AWS service (the only place SDK commands are built).
 *
 * @packageDocumentation
 */

export { AwsClientFactory } from './AwsClientFactory';
export type { AwsClients, AwsLocation } from './AwsClientFactory';
export { ServerClock } from './serverClock';
export type { EcsDeployAwsSettings } from './config';
export { toBackstageError } from './toBackstageError';
export { errorCodeOf, withErrorCode } from './errorCode';
export { publicError } from './publicError';
export type { PublicError } from './publicError';
export type { AwsErrorContext } from './toBackstageError';
export {
  DEFAULT_TAG_KEYS,
  entityTags,
  isTaggedForEntity,
  readTagKeys,
  tagRecord,
  toEcsTags,
} from './tags';
export type { AwsTag, EcsDeployTagKeys } from './tags';
export {
  codeDeployGateway,
  codePipelineGateway,
  ecrGateway,
  ecsGateway,
  elbv2Gateway,
  taggingGateway,
} from './gateways';
export type { GatewayCallContext } from './gateways';

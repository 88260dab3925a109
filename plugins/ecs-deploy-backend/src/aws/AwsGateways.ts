import { AwsClientFactory } from '@ecs-deploy/plugin-ecs-deploy-node';
import { ClassedCache } from '../cache/ClassedCache';
import { codeDeployReads } from './codeDeploy';
import { codePipelineReads } from './codePipeline';
import { ecrReads } from './ecr';
import { ecsReads } from './ecs';
import { elbv2Reads } from './elbv2';
import { taggingReads } from './tagging';

/**
 * One gateway per AWS service, the backend's only way to AWS: each call
 * declares how it is cached, the `-node` gateways build the commands.
 */
export function createAwsGateways(
  clients: AwsClientFactory,
  cache: ClassedCache,
) {
  const deps = { clients, cache };
  return {
    ecs: ecsReads(deps),
    codeDeploy: codeDeployReads(deps),
    codePipeline: codePipelineReads(deps),
    ecr: ecrReads(deps),
    elbv2: elbv2Reads(deps),
    tagging: taggingReads(deps),
    /** Now, on AWS's clock (times computed from AWS timestamps use it). */
    now: () => clients.clock.now(),
  };
}

export type AwsGateways = ReturnType<typeof createAwsGateways>;

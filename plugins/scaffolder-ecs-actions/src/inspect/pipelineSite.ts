import type { DeploymentGroupInfo } from '@aws-sdk/client-codedeploy';
import type { PipelineDeclaration } from '@aws-sdk/client-codepipeline';
import type { Repository } from '@aws-sdk/client-ecr';
import type { Service } from '@aws-sdk/client-ecs';
import type { AwsClients } from '@ecs-deploy/plugin-ecs-deploy-node';
import { findDeploymentGroup } from '../aws/codeDeploy';
import { findPipeline } from '../aws/codePipeline';
import { findRepository } from '../aws/ecr';
import { findService } from '../aws/ecs';
import type { Tagged } from '../aws/tagged';
import type { PipelineTarget } from '../plan/pipelinePlan';
import {
  LocalRepositoryOwner,
  localRepositoryComponent,
} from '../publish/infraRepositoryLocation';

/**
 * What a pipeline would be created on: an existing pipeline of that name,
 * the image repository it watches, what it deploys, and (for a local
 * infrastructure repository) whose repository it reads. Read only.
 *
 * @public
 */
export interface PipelineSite {
  pipeline?: Tagged<PipelineDeclaration>;
  repository?: Tagged<Repository>;
  deploymentGroup?: Tagged<DeploymentGroupInfo>;
  service?: Tagged<Service>;
  /** Local target: the component the repository's catalog-info.yaml names. */
  infraRepositoryOwner?: LocalRepositoryOwner;
}

/** @public */
export async function inspectPipelineSite(
  clients: {
    pipeline: Pick<AwsClients, 'codePipeline' | 'codeDeploy' | 'ecs'>;
    registry: Pick<AwsClients, 'ecr'>;
  },
  target: PipelineTarget,
): Promise<PipelineSite> {
  const { codePipeline, codeDeploy, ecs } = clients.pipeline;
  const { names, env } = target;
  const [pipeline, repository, deploymentGroup, service, owner] =
    await Promise.all([
      findPipeline(codePipeline, names.pipeline, target.arns.pipeline),
      findRepository(clients.registry.ecr, names.ecrRepository),
      target.deploy === 'codedeploy'
        ? findDeploymentGroup(
            codeDeploy,
            names.application,
            names.deploymentGroup,
            target.arns.deploymentGroup,
          )
        : undefined,
      target.deploy === 'ecs'
        ? findService(ecs, env.cluster, names.service)
        : undefined,
      target.infraRepository.localDir
        ? localRepositoryComponent(target.infraRepository.localDir)
        : undefined,
    ]);
  return {
    ...(pipeline ? { pipeline } : {}),
    ...(repository ? { repository } : {}),
    ...(deploymentGroup ? { deploymentGroup } : {}),
    ...(service ? { service } : {}),
    ...(owner !== undefined ? { infraRepositoryOwner: owner } : {}),
  };
}

import type { AwsClients, AwsTag } from '@ecs-deploy/plugin-ecs-deploy-node';
import { createPipeline } from '../aws/codePipeline';
import type { InfraRepositoryTarget } from '../config/scaffolderConfig';
import type { PipelineSite } from '../inspect/pipelineSite';
import type { PipelineTarget } from '../plan/pipelinePlan';
import { buildPipelineDeclaration } from '../render/pipelineDeclaration';
import { ApplyContext, ensure } from './ensure';

/**
 * Creates the pipeline unless it exists: the ECR source on the environment's
 * tag, the infrastructure repository through the configured connection, the
 * optional approval, and the deploy action into the service's own group or
 * service.
 *
 * @public
 */
export async function applyPipeline(
  apply: ApplyContext,
  clients: Pick<AwsClients, 'codePipeline'>,
  target: PipelineTarget,
  site: PipelineSite,
  options: {
    repository: InfraRepositoryTarget & { connectionArn: string };
    manualApproval: boolean;
    tags: AwsTag[];
  },
): Promise<void> {
  const { names, env } = target;
  await ensure(apply, {
    key: 'create',
    what: `pipeline ${target.arns.pipeline}`,
    existing: site.pipeline ? names.pipeline : undefined,
    create: async () => {
      await createPipeline(
        clients.codePipeline,
        buildPipelineDeclaration({
          pipelineName: names.pipeline,
          roleArn: env.pipelineRoleArn,
          artifactBucket: env.artifactBucket,
          environment: env.name,
          ecrRepositoryName: names.ecrRepository,
          imageTag: env.name,
          infraRepository: {
            connectionArn: options.repository.connectionArn,
            fullRepositoryId: target.infraRepository.fullRepositoryId,
            branch: options.repository.branch,
          },
          manualApproval: options.manualApproval,
          deploy:
            target.deploy === 'codedeploy'
              ? {
                  type: 'codedeploy',
                  applicationName: names.application,
                  deploymentGroupName: names.deploymentGroup,
                }
              : {
                  type: 'ecs',
                  cluster: env.cluster,
                  serviceName: names.service,
                },
        }),
        options.tags,
      );
      return names.pipeline;
    },
  });
}

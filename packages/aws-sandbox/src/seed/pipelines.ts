import type { SeedContext } from '../core/types';
import type { PipelineDeclaration } from '../services/codepipeline/types';
import type { FleetService } from './catalog';
import type { Placement } from './infrastructure';
import {
  clusterName,
  codeDeployNames,
  entityTags,
  infraRepository,
  pipelineName,
} from './names';
import { INFRA_BRANCH, infraPath } from './infraRepository';

/**
 * The pipeline of COMMON.md: an ECR source on the env tag and the
 * infrastructure repository, an approval where the catalog says, and the
 * deploy action reading its files from the repository.
 *
 * @public
 */
export function pipelineDeclaration(
  service: FleetService,
  at: Placement,
): PipelineDeclaration {
  const name = pipelineName(service.name, at.env);
  const codeDeploy = service.controller.kind === 'CODE_DEPLOY';
  const sourceActions: PipelineDeclaration['stages'][number]['actions'] = [
    {
      name: 'Image',
      actionTypeId: {
        category: 'Source',
        owner: 'AWS',
        provider: 'ECR',
        version: '1',
      },
      configuration: { RepositoryName: service.name, ImageTag: at.env },
      outputArtifacts: [{ name: 'ImageArtifact' }],
      runOrder: 1,
    },
    {
      name: 'Infra',
      actionTypeId: {
        category: 'Source',
        owner: 'AWS',
        provider: 'CodeCommit',
        version: '1',
      },
      configuration: {
        RepositoryName: infraRepository(service.name),
        BranchName: INFRA_BRANCH,
        PollForSourceChanges: 'false',
      },
      outputArtifacts: [{ name: 'InfraArtifact' }],
      runOrder: 1,
    },
  ];
  const stages: PipelineDeclaration['stages'] = [
    { name: 'Source', actions: sourceActions },
  ];
  if (service.approvalEnvs.includes(at.env)) {
    stages.push({
      name: 'Approve',
      actions: [
        {
          name: 'ManualApproval',
          actionTypeId: {
            category: 'Approval',
            owner: 'AWS',
            provider: 'Manual',
            version: '1',
          },
          configuration: { CustomData: `Promote ${service.name} to ${at.env}` },
          runOrder: 1,
        },
      ],
    });
  }
  stages.push({
    name: 'Deploy',
    actions: [
      codeDeploy
        ? {
            name: 'BlueGreen',
            actionTypeId: {
              category: 'Deploy',
              owner: 'AWS',
              provider: 'CodeDeployToECS',
              version: '1',
            },
            configuration: {
              ApplicationName: codeDeployNames(service.name, at.env)
                .applicationName,
              DeploymentGroupName: codeDeployNames(service.name, at.env)
                .deploymentGroupName,
              TaskDefinitionTemplateArtifact: 'InfraArtifact',
              TaskDefinitionTemplatePath: infraPath(at.env, 'taskdef.json'),
              AppSpecTemplateArtifact: 'InfraArtifact',
              AppSpecTemplatePath: infraPath(at.env, 'appspec.yaml'),
              Image1ArtifactName: 'ImageArtifact',
              Image1ContainerName: 'IMAGE1_NAME',
            },
            inputArtifacts: [
              { name: 'ImageArtifact' },
              { name: 'InfraArtifact' },
            ],
            runOrder: 1,
          }
        : {
            name: 'Deploy',
            actionTypeId: {
              category: 'Deploy',
              owner: 'AWS',
              provider: 'ECS',
              version: '1',
            },
            configuration: {
              ClusterName: clusterName(at.env),
              ServiceName: service.name,
              FileName: infraPath(at.env, 'imagedefinitions.json'),
            },
            inputArtifacts: [{ name: 'InfraArtifact' }],
            runOrder: 1,
          },
    ],
  });
  return {
    name,
    roleArn: `arn:aws:iam::${at.accountId}:role/codepipeline-${service.name}`,
    artifactStore: {
      type: 'S3',
      location: `codepipeline-${at.region}-${at.accountId}`,
    },
    stages,
    pipelineType: 'V2',
    executionMode: 'QUEUED',
  };
}

/** @public */
export async function createPipeline(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
): Promise<string> {
  const declaration = pipelineDeclaration(service, at);
  await ctx.invoke(
    'codepipeline',
    'CreatePipeline',
    { pipeline: declaration, tags: entityTags(service, at.env) },
    { accountId: at.accountId, region: at.region },
  );
  return declaration.name;
}

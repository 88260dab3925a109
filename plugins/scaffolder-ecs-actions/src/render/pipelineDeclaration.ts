import type {
  PipelineDeclaration,
  StageDeclaration,
} from '@aws-sdk/client-codepipeline';
import { environmentDir } from './renderInfraRepository';

/**
 * What a service's pipeline in one environment deploys and from where.
 *
 * @public
 */
export interface PipelineSpec {
  pipelineName: string;
  roleArn: string;
  artifactBucket: string;
  environment: string;
  ecrRepositoryName: string;
  /** The tag the ECR source watches: pushing or retagging it starts the pipeline. */
  imageTag: string;
  infraRepository: {
    connectionArn: string;
    fullRepositoryId: string;
    branch: string;
  };
  manualApproval: boolean;
  deploy:
    | {
        type: 'codedeploy';
        applicationName: string;
        deploymentGroupName: string;
      }
    | { type: 'ecs'; cluster: string; serviceName: string };
}

const IMAGE = 'ImageSource';
const INFRA = 'InfraSource';

/**
 * A V2 pipeline as in field notes 000 and 004: an ECR source on the
 * environment's tag and the infrastructure repository as a second source, an
 * optional manual approval, then either CodeDeploy blue/green
 * (`taskdef.json` + `appspec.yaml`, `IMAGE1_NAME` filled from the ECR source's
 * imageDetail.json) or the standard ECS action with `imagedefinitions.json`.
 *
 * @public
 */
export function buildPipelineDeclaration(
  spec: PipelineSpec,
): PipelineDeclaration {
  const dir = environmentDir(spec.environment);
  const stages: StageDeclaration[] = [
    {
      name: 'Source',
      actions: [
        {
          name: 'Image',
          actionTypeId: {
            category: 'Source',
            owner: 'AWS',
            provider: 'ECR',
            version: '1',
          },
          configuration: {
            RepositoryName: spec.ecrRepositoryName,
            ImageTag: spec.imageTag,
          },
          outputArtifacts: [{ name: IMAGE }],
          namespace: 'ImageVariables',
          runOrder: 1,
        },
        {
          name: 'Infrastructure',
          actionTypeId: {
            category: 'Source',
            owner: 'AWS',
            provider: 'CodeStarSourceConnection',
            version: '1',
          },
          configuration: {
            ConnectionArn: spec.infraRepository.connectionArn,
            FullRepositoryId: spec.infraRepository.fullRepositoryId,
            BranchName: spec.infraRepository.branch,
            // Only an image push deploys; infrastructure edits ride along.
            DetectChanges: 'false',
            OutputArtifactFormat: 'CODE_ZIP',
          },
          outputArtifacts: [{ name: INFRA }],
          namespace: 'InfrastructureVariables',
          runOrder: 1,
        },
      ],
    },
  ];
  if (spec.manualApproval) {
    stages.push({
      name: 'Approval',
      actions: [
        {
          name: 'Approve',
          actionTypeId: {
            category: 'Approval',
            owner: 'AWS',
            provider: 'Manual',
            version: '1',
          },
          configuration: {
            CustomData: `Deploy #{ImageVariables.ImageURI} to ${spec.environment}?`,
          },
          runOrder: 1,
        },
      ],
    });
  }
  stages.push({
    name: 'Deploy',
    actions: [
      spec.deploy.type === 'codedeploy'
        ? {
            name: 'BlueGreen',
            actionTypeId: {
              category: 'Deploy',
              owner: 'AWS',
              provider: 'CodeDeployToECS',
              version: '1',
            },
            configuration: {
              ApplicationName: spec.deploy.applicationName,
              DeploymentGroupName: spec.deploy.deploymentGroupName,
              TaskDefinitionTemplateArtifact: INFRA,
              TaskDefinitionTemplatePath: `${dir}/taskdef.json`,
              AppSpecTemplateArtifact: INFRA,
              AppSpecTemplatePath: `${dir}/appspec.yaml`,
              Image1ArtifactName: IMAGE,
              Image1ContainerName: 'IMAGE1_NAME',
            },
            inputArtifacts: [{ name: INFRA }, { name: IMAGE }],
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
              ClusterName: spec.deploy.cluster,
              ServiceName: spec.deploy.serviceName,
              FileName: `${dir}/imagedefinitions.json`,
            },
            inputArtifacts: [{ name: INFRA }],
            runOrder: 1,
          },
    ],
  });
  return {
    name: spec.pipelineName,
    roleArn: spec.roleArn,
    artifactStore: { type: 'S3', location: spec.artifactBucket },
    pipelineType: 'V2',
    // One image at a time: a newer push supersedes one still waiting.
    executionMode: 'SUPERSEDED',
    stages,
  };
}

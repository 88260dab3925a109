import type {
  ActionCategory,
  ActionDeclaration,
  PipelineDeclaration,
  StageDeclaration,
} from '@aws-sdk/client-codepipeline';
import type { FleetCaller } from './fleetCaller';
import { lowerCaseTags, type ResourceTag } from './tags';

/** How a pipeline deploys what its sources give it. @public */
export type PipelineDeploy =
  | {
      /** CodeDeployToECS with the infra source's task definition and appspec. */
      codeDeploy: {
        applicationName: string;
        deploymentGroupName: string;
        taskDefinitionPath: string;
        appSpecPath: string;
      };
    }
  | {
      /** The ECS action with the infra source's `imagedefinitions.json`. */
      ecs: {
        cluster: string;
        serviceName: string;
        imageDefinitionsPath: string;
      };
    };

/** @public */
export interface PipelineSpec {
  name: string;
  roleArn: string;
  artifactBucket: string;
  /** The ECR source: a push of this tag starts the pipeline. */
  image: { repository: string; tag: string };
  /** The infrastructure repository (CodeCommit) the deploy reads its files from. */
  infra?: { repository: string; branch: string };
  /** A manual approval stage after the sources. */
  approval?: { customData?: string };
  deploy?: PipelineDeploy;
}

const action = (
  name: string,
  category: ActionCategory,
  provider: string,
  rest: Omit<ActionDeclaration, 'name' | 'actionTypeId'>,
): ActionDeclaration => ({
  name,
  actionTypeId: { category, owner: 'AWS', provider, version: '1' },
  runOrder: 1,
  ...rest,
});

function deployAction(deploy: PipelineDeploy): ActionDeclaration {
  if ('codeDeploy' in deploy) {
    const cd = deploy.codeDeploy;
    return action('BlueGreen', 'Deploy', 'CodeDeployToECS', {
      configuration: {
        ApplicationName: cd.applicationName,
        DeploymentGroupName: cd.deploymentGroupName,
        TaskDefinitionTemplateArtifact: 'InfraArtifact',
        TaskDefinitionTemplatePath: cd.taskDefinitionPath,
        AppSpecTemplateArtifact: 'InfraArtifact',
        AppSpecTemplatePath: cd.appSpecPath,
        Image1ArtifactName: 'ImageArtifact',
        Image1ContainerName: 'IMAGE1_NAME',
      },
      inputArtifacts: [{ name: 'ImageArtifact' }, { name: 'InfraArtifact' }],
    });
  }
  return action('Deploy', 'Deploy', 'ECS', {
    configuration: {
      ClusterName: deploy.ecs.cluster,
      ServiceName: deploy.ecs.serviceName,
      FileName: deploy.ecs.imageDefinitionsPath,
    },
    inputArtifacts: [{ name: 'InfraArtifact' }],
  });
}

/**
 * A V2 pipeline (QUEUED): Source (the image, and the infrastructure
 * repository), an optional Approve stage, and an optional Deploy stage.
 *
 * @public
 */
export function pipelineDeclaration(spec: PipelineSpec): PipelineDeclaration {
  const sources = [
    action('Image', 'Source', 'ECR', {
      configuration: {
        RepositoryName: spec.image.repository,
        ImageTag: spec.image.tag,
      },
      outputArtifacts: [{ name: 'ImageArtifact' }],
    }),
    ...(spec.infra
      ? [
          action('Infra', 'Source', 'CodeCommit', {
            configuration: {
              RepositoryName: spec.infra.repository,
              BranchName: spec.infra.branch,
              PollForSourceChanges: 'false',
            },
            outputArtifacts: [{ name: 'InfraArtifact' }],
          }),
        ]
      : []),
  ];
  const stages: StageDeclaration[] = [{ name: 'Source', actions: sources }];
  if (spec.approval) {
    const { customData } = spec.approval;
    stages.push({
      name: 'Approve',
      actions: [
        action('ManualApproval', 'Approval', 'Manual', {
          ...(customData ? { configuration: { CustomData: customData } } : {}),
        }),
      ],
    });
  }
  if (spec.deploy) {
    stages.push({ name: 'Deploy', actions: [deployAction(spec.deploy)] });
  }
  return {
    name: spec.name,
    roleArn: spec.roleArn,
    artifactStore: { type: 'S3', location: spec.artifactBucket },
    stages,
    pipelineType: 'V2',
    executionMode: 'QUEUED',
  };
}

/** Creates the pipeline of `spec`, tagged; returns its name. @public */
export async function createPipeline(
  caller: FleetCaller,
  spec: PipelineSpec,
  tags: ResourceTag[] = [],
): Promise<string> {
  await caller.call('codepipeline', 'CreatePipeline', {
    pipeline: pipelineDeclaration(spec),
    ...(tags.length ? { tags: lowerCaseTags(tags) } : {}),
  });
  return spec.name;
}

/** `lib/pipeline.ts`: the environment's CodePipeline. */
export const pipelineSource = `import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EnvironmentSettings, ServiceSettings } from './settings-types';

export interface ServicePipelineProps {
  service: ServiceSettings;
  environment: EnvironmentSettings;
  /** CodeDeploy blue/green into the group, or the standard ECS deploy into the service. */
  deployTo:
    | { deploymentGroup: codedeploy.IEcsDeploymentGroup }
    | { service: ecs.IBaseService };
}

/**
 * The environment's V2 pipeline: a push of the environment's tag to the ECR
 * repository starts it, this repository is the second source, an optional
 * approval, then the deployment. Only an image push deploys: a commit here
 * rides along with the next one.
 */
export class ServicePipeline extends Construct {
  constructor(scope: Construct, id: string, props: ServicePipelineProps) {
    super(scope, id);
    const { service, environment } = props;
    const image = new codepipeline.Artifact('ImageSource');
    const infrastructure = new codepipeline.Artifact('InfraSource');
    const stages: codepipeline.StageProps[] = [
      {
        stageName: 'Source',
        actions: [
          new actions.EcrSourceAction({
            actionName: 'Image',
            repository: ecr.Repository.fromRepositoryName(
              this,
              'Images',
              service.registry.repositoryName,
            ),
            imageTag: environment.name,
            output: image,
            variablesNamespace: 'ImageVariables',
          }),
          new actions.CodeStarConnectionsSourceAction({
            actionName: 'Infrastructure',
            connectionArn: service.infraRepository.connectionArn,
            owner: service.infraRepository.owner,
            repo: service.infraRepository.repo,
            branch: service.infraRepository.branch,
            output: infrastructure,
            triggerOnPush: false,
            variablesNamespace: 'InfrastructureVariables',
          }),
        ],
      },
    ];
    if (environment.manualApproval) {
      stages.push({
        stageName: 'Approval',
        actions: [
          new actions.ManualApprovalAction({
            actionName: 'Approve',
            additionalInformation:
              'Deploy #{ImageVariables.ImageURI} to ' + environment.name + '?',
          }),
        ],
      });
    }
    stages.push({
      stageName: 'Deploy',
      actions: [deployAction(props, image, infrastructure)],
    });

    new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: environment.names.pipeline,
      pipelineType: codepipeline.PipelineType.V2,
      // One image at a time: a newer push supersedes one still waiting.
      executionMode: codepipeline.ExecutionMode.SUPERSEDED,
      // The platform's role and bucket: this app creates neither.
      role: iam.Role.fromRoleArn(this, 'Role', environment.roles.pipeline, {
        mutable: false,
      }),
      usePipelineRoleForActions: true,
      artifactBucket: s3.Bucket.fromBucketName(
        this,
        'Artifacts',
        environment.artifactBucket,
      ),
      stages,
    });
  }
}

function deployAction(
  props: ServicePipelineProps,
  image: codepipeline.Artifact,
  infrastructure: codepipeline.Artifact,
): codepipeline.IAction {
  const files = props.environment.deployFiles;
  if ('deploymentGroup' in props.deployTo) {
    return new actions.CodeDeployEcsDeployAction({
      actionName: 'BlueGreen',
      deploymentGroup: props.deployTo.deploymentGroup,
      taskDefinitionTemplateFile: infrastructure.atPath(files.taskDefinition),
      appSpecTemplateFile: infrastructure.atPath(files.appSpec),
      // IMAGE1_NAME in taskdef.json becomes the pushed image (imageDetail.json).
      containerImageInputs: [
        { input: image, taskDefinitionPlaceholder: 'IMAGE1_NAME' },
      ],
    });
  }
  return new actions.EcsDeployAction({
    actionName: 'Deploy',
    service: props.deployTo.service,
    imageFile: infrastructure.atPath(files.imageDefinitions),
  });
}
`;

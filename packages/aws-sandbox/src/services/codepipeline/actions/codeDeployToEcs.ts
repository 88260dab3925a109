import { AwsError } from '../../../core/AwsError';
import { taskDefinitionDocument } from './taskdef';
import type { ArtifactValue } from '../types';
import type { ActionRunner } from './types';
import { fail, succeed } from './types';

/**
 * "Amazon ECS (Blue/Green)": registers the task definition from the
 * infrastructure repository with the image filled in, renders the appspec
 * with `<TASK_DEFINITION>` replaced, creates a CodeDeploy deployment and
 * waits for it. The deployment id is the action's external execution id.
 */
export const codeDeployToEcs: ActionRunner = {
  start(run, env, at) {
    const config = env.declaration.configuration ?? {};
    const accountId = env.pipeline.accountId;
    const region = env.declaration.region ?? env.pipeline.region;
    const applicationName = config.ApplicationName;
    const deploymentGroupName = config.DeploymentGroupName;
    const templates = env.artifact(config.TaskDefinitionTemplateArtifact);
    const appspecArtifact = env.artifact(config.AppSpecTemplateArtifact);
    const imageArtifact = env.artifact(config.Image1ArtifactName);
    const imageUri = imageOf(imageArtifact);
    try {
      const groupService = serviceOfGroup(
        env,
        accountId,
        region,
        applicationName,
        deploymentGroupName,
      );
      const taskdef = taskDefinitionDocument(env, {
        files: templates?.kind === 'files' ? templates.files : undefined,
        path: config.TaskDefinitionTemplatePath ?? 'taskdef.json',
        serviceRef: groupService,
        images: imageUri
          ? [
              {
                placeholder: config.Image1ContainerName ?? 'IMAGE1_NAME',
                imageUri,
              },
            ]
          : [],
      });
      const taskDefinitionArn = env.world.ecs.registerTaskDefinition(
        accountId,
        region,
        taskdef,
      );
      const appspecTemplate =
        appspecArtifact?.kind === 'files'
          ? appspecArtifact.files[config.AppSpecTemplatePath ?? 'appspec.yaml']
          : undefined;
      const appSpecContent = (appspecTemplate ?? defaultAppSpec(taskdef))
        .split('<TASK_DEFINITION>')
        .join(taskDefinitionArn);
      const deploymentId = env.world.codedeploy.createDeployment({
        accountId,
        region,
        applicationName,
        deploymentGroupName,
        appSpecContent,
        description:
          `Deployment from pipeline ${env.pipeline.name} execution ${env.execution.pipelineExecutionId}`.slice(
            0,
            100,
          ),
        creator: 'CodePipeline',
      });
      run.externalExecutionId = deploymentId;
      run.externalExecutionUrl = `https://console.aws.amazon.com/codedeploy/home?region=${region}#/deployments/${deploymentId}`;
      run.externalExecutionSummary = `Deployment ${deploymentId}`;
      run.resolvedConfiguration = {
        ...config,
        TaskDefinitionArn: taskDefinitionArn,
      };
      run.outputVariables = {
        DeploymentId: deploymentId,
        TaskDefinitionArn: taskDefinitionArn,
      };
      run.waitingOn = { kind: 'codedeploy', id: deploymentId };
    } catch (error) {
      fail(
        run,
        at,
        error instanceof Error ? error.message : String(error),
        error instanceof AwsError ? error.code : 'JobFailed',
      );
    }
  },
  poll(run, env, now) {
    if (run.status !== 'InProgress' || !run.waitingOn) return;
    let status: string;
    try {
      status = env.world.codedeploy.getDeploymentStatus(run.waitingOn.id);
    } catch (error) {
      // the deployment is gone (a state file from elsewhere): fail, do not wedge the pipeline
      fail(run, now, error instanceof Error ? error.message : String(error));
      return;
    }
    if (status === 'Succeeded') {
      succeed(run, now, `Deployment ${run.waitingOn.id} succeeded`);
    } else if (status === 'Failed' || status === 'Stopped') {
      fail(
        run,
        now,
        `Deployment ${
          run.waitingOn.id
        } ${status.toLowerCase()}. See CodeDeploy for details.`,
      );
    }
  },
};

function serviceOfGroup(
  env: Parameters<ActionRunner['start']>[1],
  accountId: string,
  region: string,
  applicationName: string,
  deploymentGroupName: string,
) {
  const store = env.world.stores.codedeploy as
    | {
        groupService?(
          w: object,
          app: string,
          group: string,
        ): { cluster: string; service: string } | undefined;
      }
    | undefined;
  const found = store?.groupService?.(
    { accountId, region },
    applicationName,
    deploymentGroupName,
  );
  return found ? { accountId, region, ...found } : undefined;
}

/** The image an artifact names: an ECR source's, or a build's imageDetail.json. */
function imageOf(artifact: ArtifactValue | undefined): string | undefined {
  if (artifact?.kind === 'image') return artifact.imageUri;
  if (artifact?.kind === 'files') return imageDetailUri(artifact.files);
  return undefined;
}

/** `imageDetail.json` as CodeBuild writes it: `{"ImageURI": "..."}`. */
function imageDetailUri(files: Record<string, string>): string | undefined {
  try {
    return JSON.parse(files['imageDetail.json'] ?? '')?.ImageURI;
  } catch {
    return undefined;
  }
}

function defaultAppSpec(taskdef: Record<string, unknown>): string {
  const container = ((taskdef.containerDefinitions ?? []) as any[])[0] ?? {};
  const port = container.portMappings?.[0]?.containerPort ?? 8080;
  return [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    '        TaskDefinition: <TASK_DEFINITION>',
    '        LoadBalancerInfo:',
    `          ContainerName: "${container.name ?? 'app'}"`,
    `          ContainerPort: ${port}`,
    '',
  ].join('\n');
}

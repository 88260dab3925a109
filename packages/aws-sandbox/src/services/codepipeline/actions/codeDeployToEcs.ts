import { ActionFailure } from './ActionFailure';
import type { ActionEnv, ActionRunner } from './actionRunner';
import { fail, succeed } from './actionRunner';
import { artifactFile } from './artifactFile';
import { imageUriOf } from './imageDetail';
import {
  renderTaskDefinitionTemplate,
  type TemplateImage,
} from './taskDefinitionTemplate';

const TASK_DEFINITION_PLACEHOLDER = '<TASK_DEFINITION>';
/** CodeDeployToECS takes up to four images (`Image1ArtifactName` to `Image4ArtifactName`). */
const IMAGE_SLOTS = [1, 2, 3, 4];

/**
 * "Amazon ECS (Blue/Green)": reads the task definition template and the
 * appspec from its input artifacts, fills each `<Image<N>ContainerName>`
 * placeholder with the `ImageURI` of `Image<N>ArtifactName`'s
 * `imageDetail.json`, registers the task definition with ECS (ECS's checks
 * apply), puts the new revision's ARN in place of `<TASK_DEFINITION>`,
 * creates the CodeDeploy deployment and waits for it. The deployment id is
 * the action's external execution id.
 */
export const codeDeployToEcs: ActionRunner = {
  start(run, env) {
    const config = env.declaration.configuration ?? {};
    const accountId = env.pipeline.accountId;
    const region = env.declaration.region ?? env.pipeline.region;
    const taskDefinitionPath =
      config.TaskDefinitionTemplatePath ?? 'taskdef.json';
    const taskDefinitionText = artifactFile(
      env,
      config.TaskDefinitionTemplateArtifact,
      taskDefinitionPath,
    );
    if (taskDefinitionText === undefined) {
      throw new ActionFailure(
        `Exception while trying to read the task definition artifact file from: ${config.TaskDefinitionTemplateArtifact}.`,
        'ConfigurationError',
      );
    }
    const appSpecPath = config.AppSpecTemplatePath ?? 'appspec.yaml';
    const appSpec = artifactFile(
      env,
      config.AppSpecTemplateArtifact,
      appSpecPath,
    );
    if (appSpec === undefined) {
      throw new ActionFailure(
        `Exception while trying to read the AppSpec artifact file from: ${config.AppSpecTemplateArtifact}.`,
        'ConfigurationError',
      );
    }
    if (!appSpec.includes(TASK_DEFINITION_PLACEHOLDER)) {
      throw new ActionFailure(
        `The AppSpec file ${appSpecPath} does not contain the placeholder ${TASK_DEFINITION_PLACEHOLDER}.`,
        'ConfigurationError',
      );
    }
    const taskDefinition = renderTaskDefinitionTemplate(
      { path: taskDefinitionPath, text: taskDefinitionText },
      templateImages(env),
    );
    const taskDefinitionArn = env.world.ecs.registerTaskDefinition(
      accountId,
      region,
      taskDefinition,
    );
    const deploymentId = env.world.codedeploy.createDeployment({
      accountId,
      region,
      applicationName: config.ApplicationName,
      deploymentGroupName: config.DeploymentGroupName,
      appSpecContent: appSpec
        .split(TASK_DEFINITION_PLACEHOLDER)
        .join(taskDefinitionArn),
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

/** The images the configuration names, each with the placeholder it fills. */
function templateImages(env: ActionEnv): TemplateImage[] {
  const config = env.declaration.configuration ?? {};
  const images: TemplateImage[] = [];
  for (const n of IMAGE_SLOTS) {
    const artifactName = config[`Image${n}ArtifactName`];
    if (!artifactName) continue;
    const placeholder = config[`Image${n}ContainerName`];
    if (!placeholder) {
      throw new ActionFailure(
        `Image${n}ArtifactName ${artifactName} needs Image${n}ContainerName, the placeholder its image fills.`,
        'ConfigurationError',
      );
    }
    images.push({
      placeholder,
      imageUri: imageUriOf(artifactName, env.artifact(artifactName)),
    });
  }
  return images;
}

import { AwsError } from '../../../core/AwsError';
import { taskDefinitionDocument } from './taskdef';
import type { ActionRunner } from './types';
import { fail, pollTimed, succeed } from './types';

/** Without ECS's own service deployment status, a rolling update is taken to last this long. */
const ROLLING_MS = 180_000;

/**
 * "Amazon ECS" (standard deployment): new task definition revision with the
 * images of `imagedefinitions.json` (or the ECR source's image for the first
 * container), then UpdateService; waits for the service deployment.
 */
export const ecsDeploy: ActionRunner = {
  start(run, env, at) {
    const config = env.declaration.configuration ?? {};
    const accountId = env.pipeline.accountId;
    const region = env.declaration.region ?? env.pipeline.region;
    const ref = {
      accountId,
      region,
      cluster: config.ClusterName,
      service: config.ServiceName,
    };
    const images: { containerName?: string; imageUri: string }[] = [];
    for (const input of env.declaration.inputArtifacts ?? []) {
      const artifact = env.artifact(input.name);
      if (artifact?.kind === 'image')
        images.push({ imageUri: artifact.imageUri });
      if (artifact?.kind === 'files') {
        const file = artifact.files[config.FileName ?? 'imagedefinitions.json'];
        if (file) {
          try {
            for (const entry of JSON.parse(file) as {
              name: string;
              imageUri: string;
            }[]) {
              images.push({
                containerName: entry.name,
                imageUri: entry.imageUri,
              });
            }
          } catch {
            fail(
              run,
              at,
              `The image definition file ${
                config.FileName ?? 'imagedefinitions.json'
              } contains invalid JSON format`,
            );
            return;
          }
        }
      }
    }
    try {
      const taskdef = taskDefinitionDocument(env, {
        path: '',
        serviceRef: ref,
        images,
      });
      const taskDefinitionArn = env.world.ecs.registerTaskDefinition(
        accountId,
        region,
        taskdef,
      );
      const update = env.world.ecs.updateServiceTaskDefinition;
      if (!update) {
        fail(run, at, 'The sandbox ECS cannot update services yet');
        return;
      }
      const deploymentArn = update.call(env.world.ecs, ref, taskDefinitionArn);
      run.resolvedConfiguration = {
        ...config,
        TaskDefinitionArn: taskDefinitionArn,
      };
      run.externalExecutionId = deploymentArn ?? taskDefinitionArn;
      run.externalExecutionSummary = `Service ${
        config.ServiceName
      } updated to ${taskDefinitionArn.split('/').pop()}`;
      if (deploymentArn && env.world.ecs.getServiceDeploymentStatus) {
        run.waitingOn = { kind: 'ecs', id: deploymentArn };
      } else {
        run.nextAt = at + ROLLING_MS;
      }
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
    if (run.status !== 'InProgress') return;
    if (!run.waitingOn) {
      pollTimed(run, now);
      return;
    }
    const status = env.world.ecs.getServiceDeploymentStatus?.(run.waitingOn.id);
    if (status === undefined) {
      fail(
        run,
        now,
        `The ECS service deployment ${run.waitingOn.id} no longer exists`,
      );
    } else if (status === 'SUCCESSFUL') {
      succeed(run, now);
    } else if (/STOPPED|ROLLBACK/.test(status)) {
      fail(
        run,
        now,
        `The ECS service deployment ${status.toLowerCase().replace(/_/g, ' ')}`,
      );
    }
  },
};

import { ActionFailure } from './ActionFailure';
import type { ActionRunner } from './actionRunner';
import { fail, succeed } from './actionRunner';
import { artifactFile } from './artifactFile';
import { parseImageDefinitions } from './imageDefinitions';

/**
 * "Amazon ECS" (standard deployment), as AWS documents it: reads `FileName`
 * (default `imagedefinitions.json`) from its input artifact, registers a new
 * revision of the task definition the service runs with each named
 * container's image replaced, updates the service to it and waits for the
 * service deployment.
 */
export const ecsDeploy: ActionRunner = {
  start(run, env) {
    const config = env.declaration.configuration ?? {};
    const accountId = env.pipeline.accountId;
    const region = env.declaration.region ?? env.pipeline.region;
    const ref = {
      accountId,
      region,
      cluster: config.ClusterName,
      service: config.ServiceName,
    };
    const fileName = config.FileName ?? 'imagedefinitions.json';
    const inputName = env.declaration.inputArtifacts?.[0]?.name;
    const text = artifactFile(env, inputName, fileName);
    if (text === undefined) {
      throw new ActionFailure(
        `Exception while trying to read the image definitions file ${fileName} from the artifact: ${inputName}.`,
        'ConfigurationError',
      );
    }
    const definitions = parseImageDefinitions(fileName, text);
    const service = env.world.ecs.getService(ref);
    const input = env.world.ecs.taskDefinitionInput(service.taskDefinition);
    const containers = (input.containerDefinitions ?? []) as Record<
      string,
      unknown
    >[];
    for (const definition of definitions) {
      const container = containers.find(c => c.name === definition.name);
      if (!container) {
        throw new ActionFailure(
          `The AWS ECS container ${definition.name} does not exist`,
          'ConfigurationError',
        );
      }
      container.image = definition.imageUri;
    }
    const taskDefinitionArn = env.world.ecs.registerTaskDefinition(
      accountId,
      region,
      input,
    );
    const deploymentArn = env.world.ecs.updateServiceTaskDefinition(
      ref,
      taskDefinitionArn,
    );
    run.resolvedConfiguration = {
      ...config,
      TaskDefinitionArn: taskDefinitionArn,
    };
    run.externalExecutionId = deploymentArn;
    run.externalExecutionSummary = `Service ${
      config.ServiceName
    } updated to ${taskDefinitionArn.split('/').pop()}`;
    run.waitingOn = { kind: 'ecs', id: deploymentArn };
  },
  poll(run, env, now) {
    if (run.status !== 'InProgress' || !run.waitingOn) return;
    const status = env.world.ecs.getServiceDeploymentStatus(run.waitingOn.id);
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

import type { ScaffolderSettings } from '../config/scaffolderConfig';
import { environmentNamed } from '../config/resolveEnvironment';
import type { ServiceEnvironmentSpec } from '../render/types';
import { serviceNames } from './serviceNames';

/**
 * The environments an infrastructure repository describes, in promotion
 * order, from their names and the config: where each runs, with which roles,
 * and the names of its CodeDeploy group and pipeline.
 *
 * @public
 */
export function infraEnvironments(
  settings: ScaffolderSettings,
  input: {
    name: string;
    environments: string[];
    deploymentController: 'CODE_DEPLOY' | 'ECS';
  },
): ServiceEnvironmentSpec[] {
  const codeDeploy = input.deploymentController === 'CODE_DEPLOY';
  return input.environments.map((environment, i) => {
    const env = environmentNamed(settings, environment, `environments[${i}]`);
    const names = serviceNames(input.name, env.name);
    return {
      name: env.name,
      accountId: env.accountId,
      region: env.region,
      cluster: env.cluster,
      executionRoleArn: env.executionRoleArn,
      taskRoleArn: env.taskRoleArn,
      deployment: codeDeploy ? 'codedeploy' : 'ecs',
      ...(codeDeploy
        ? {
            codeDeploy: {
              application: names.application,
              deploymentGroup: names.deploymentGroup,
            },
          }
        : {}),
      pipelineName: names.pipeline,
    };
  });
}

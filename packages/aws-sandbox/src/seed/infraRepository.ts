import type { SeedContext } from '../core/types';
import { ecsAppSpec } from '../testing/taskDefinition';
import type { FleetService } from './catalog';
import { infraRepository } from './names';
import { taskDefinitionInput } from './taskDefinitions';

/*
 * A service's infrastructure repository (CodeCommit `<service>-infra`, held
 * by the sandbox), laid out as the scaffolder writes one: per environment
 * `taskdef.json` and `appspec.yaml` for CodeDeploy blue/green and
 * `imagedefinitions.json` for the standard ECS deploy action.
 */

export const INFRA_BRANCH = 'main';

/** Where an environment's deployment file lives in the repository. @public */
export const infraPath = (
  env: string,
  file: 'taskdef.json' | 'appspec.yaml' | 'imagedefinitions.json',
) => `environments/${env}/${file}`;

/**
 * The repository's files: the task definition with `<IMAGE1_NAME>`, the
 * appspec with `<TASK_DEFINITION>`, and image definitions naming the
 * environment's tag, which each environment's pipeline watches.
 *
 * @public
 */
export function infraFiles(
  service: FleetService,
  repositoryUri: string,
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const env of service.envs) {
    files[infraPath(env, 'taskdef.json')] = `${JSON.stringify(
      taskDefinitionInput(service, '<IMAGE1_NAME>'),
      null,
      2,
    )}\n`;
    files[infraPath(env, 'appspec.yaml')] = ecsAppSpec({
      taskDefinition: '<TASK_DEFINITION>',
      containerName: service.name,
      containerPort: service.containerPort,
    });
    files[infraPath(env, 'imagedefinitions.json')] = `${JSON.stringify(
      [{ name: service.name, imageUri: `${repositoryUri}:${env}` }],
      null,
      2,
    )}\n`;
  }
  return files;
}

/** Commits the repository's files, once per service. @public */
export function pushInfraRepository(
  ctx: SeedContext,
  service: FleetService,
  repositoryUri: string,
): void {
  ctx.world.stores.codepipeline.pushSourceCommit(
    {
      provider: 'CodeCommit',
      configuration: {
        RepositoryName: infraRepository(service.name),
        BranchName: INFRA_BRANCH,
      },
    },
    {
      message: `${service.name}: task definitions, appspecs and image definitions`,
      files: infraFiles(service, repositoryUri),
    },
  );
}

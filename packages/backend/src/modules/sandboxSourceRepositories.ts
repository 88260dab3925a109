import type { Config } from '@backstage/config';
import type { SourceRepositoryRule } from '@ecs-deploy/aws-sandbox';
import { resolve } from 'node:path';

/**
 * `awsSandbox.sourceRepositories` as the sandbox takes it: one rule serving
 * `<owner>/<repo>` (owner default `local`, as the scaffolder's local target
 * names its repositories) from `<directory>/<repo>`, the directory relative
 * to the backend's working directory like the catalog's file locations.
 */
export function sandboxSourceRepositories(
  sandboxConfig: Config,
): SourceRepositoryRule[] | undefined {
  const repositories = sandboxConfig.getOptionalConfig('sourceRepositories');
  if (!repositories) return undefined;
  return [
    {
      owner: repositories.getOptionalString('owner') ?? 'local',
      directory: resolve(repositories.getString('directory')),
    },
  ];
}

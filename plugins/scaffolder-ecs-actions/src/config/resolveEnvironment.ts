import { InputError } from '@backstage/errors';
import { EnvironmentTarget, ScaffolderSettings } from './scaffolderConfig';

/**
 * The configured environment of that name. An environment is chosen, never
 * described: its account, region, cluster, network and roles come only from
 * `ecsDeploy.scaffolder.environments`.
 *
 * @public
 */
export function environmentNamed(
  settings: ScaffolderSettings,
  name: string,
  field = 'environment',
): EnvironmentTarget {
  const env = settings.environments.find(e => e.name === name);
  if (!env) {
    const known = settings.environments.map(e => e.name);
    throw new InputError(
      `${field}: '${name}' is not an environment of ecsDeploy.scaffolder.environments${
        known.length ? ` (${known.join(', ')})` : ' (none is configured)'
      }`,
    );
  }
  return env;
}

/**
 * The registry account and region: `ecsDeploy.scaffolder.ecr`, else the first
 * environment's.
 *
 * @public
 */
export function registryLocation(settings: ScaffolderSettings): {
  accountId: string;
  region: string;
} {
  const location = settings.ecr ?? settings.environments[0];
  if (!location) {
    throw new InputError(
      'ecsDeploy.scaffolder has neither ecr nor environments configured',
    );
  }
  return { accountId: location.accountId, region: location.region };
}

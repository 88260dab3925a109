import type { CdkServiceSettings } from './types';

/**
 * `cdk/lib/settings.ts`: the values, as a typed constant the stacks read.
 * Every account, network and role is the platform's, from its config.
 */
export function renderSettings(settings: CdkServiceSettings): string {
  return [
    "import type { ServiceSettings } from './settings-types';",
    '',
    '// Rendered by Backstage from the platform config (ecsDeploy.scaffolder) when',
    `// ${settings.name} was created. Accounts, networks and roles are the platform's;`,
    '// the names are the ones the ECS Deploy portal looks the resources up by.',
    `export const service: ServiceSettings = ${JSON.stringify(
      settings,
      null,
      2,
    )};`,
    '',
  ].join('\n');
}

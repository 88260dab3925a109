/** `bin/app.ts`: the entry point `cdk.json` runs. */
export const binAppSource = `#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { RegistryStack } from '../lib/registry-stack';
import { ServiceStack } from '../lib/service-stack';
import { service } from '../lib/settings';

/**
 * The image repository, then one stack per environment. Each environment
 * waits for the one before it, so \`cdk deploy --all\` goes in promotion order
 * and a CodeDeploy application shared in an account exists before it is used.
 */
export const app = new App();

let previous: RegistryStack | ServiceStack = new RegistryStack(
  app,
  service.registry.stackName,
  { service },
);
for (const environment of service.environments) {
  const stack: ServiceStack = new ServiceStack(app, environment.stackName, {
    service,
    environment,
  });
  stack.addStackDependency(previous);
  previous = stack;
}
`;

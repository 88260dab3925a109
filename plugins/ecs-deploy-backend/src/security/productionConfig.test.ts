import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { ServiceFactoryTester } from '@backstage/backend-test-utils';
import { AwsClientFactory } from '@ecs-deploy/plugin-ecs-deploy-node';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');
// As packages/backend/Dockerfile starts the backend.
const PRODUCTION_ARGS = [
  '--config',
  resolve(ROOT, 'app-config.yaml'),
  '--config',
  resolve(ROOT, 'app-config.production.yaml'),
];

// Loads config files and the whole workspace's schema: allow slow runs.
jest.setTimeout(60_000);

describe('app-config.production.yaml over app-config.yaml', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  const load = () =>
    ServiceFactoryTester.from(
      rootConfigServiceFactory({ argv: PRODUCTION_ARGS, watch: false }),
    ).getSubject();

  it('turns the sandbox off and points the AWS clients at AWS', async () => {
    const config = await load();
    expect(config.getOptionalBoolean('awsSandbox.enabled')).toBe(false);
    expect(config.getOptionalString('ecsDeploy.aws.endpoint')).toBeUndefined();
    // the sandbox's placeholder credentials and demo accounts are gone too
    expect(config.getOptionalConfigArray('aws.accounts')).toBeUndefined();
    expect(config.getOptional('ecsDeploy.scaffolder')).toBeUndefined();
    expect(config.getOptional('ecsDeploy.discovery')).toBeUndefined();

    process.env.NODE_ENV = 'production';
    expect(
      AwsClientFactory.fromConfig(config).settings.endpoint,
    ).toBeUndefined();
  });

  it('passes the schema validation of every package in the workspace', async () => {
    const cli = require.resolve('@backstage/cli/bin/backstage-cli');
    await expect(
      promisify(execFile)(
        process.execPath,
        [cli, 'config:check', '--lax', ...PRODUCTION_ARGS],
        { cwd: ROOT },
      ),
    ).resolves.toBeDefined();
  });
});

import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startSandbox } from '@ecs-deploy/aws-sandbox';
import { resolve } from 'node:path';
import { sandboxSourceRepositories } from './sandboxSourceRepositories';

/**
 * Runs the AWS sandbox inside the portal's backend so that `yarn start` shows the
 * whole suite without an AWS account. The ECS Deploy plugins reach it only through
 * `ecsDeploy.aws.endpoint`, exactly as they would reach AWS.
 */
export default createBackendPlugin({
  pluginId: 'aws-sandbox',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const sandboxConfig = config.getOptionalConfig('awsSandbox');
        if (!sandboxConfig?.getOptionalBoolean('enabled')) {
          return;
        }
        const stateFile = sandboxConfig.getOptionalString('stateFile');
        const sandbox = await startSandbox({
          port: sandboxConfig.getOptionalNumber('port') ?? 4599,
          speed: sandboxConfig.getOptionalNumber('speed') ?? 30,
          seed: 'demo',
          controlToken: sandboxConfig.getOptionalString('controlToken'),
          // relative to the backend's working directory, like the catalog's file locations
          statePath: stateFile ? resolve(stateFile) : undefined,
          sourceRepositories: sandboxSourceRepositories(sandboxConfig),
          logger: {
            info: message => logger.debug(message),
            warn: message => logger.warn(message),
            error: (message, error) =>
              logger.error(message, error instanceof Error ? error : undefined),
          },
        });
        logger.info(
          `AWS sandbox with the demo fleet listening on ${sandbox.url}; its control API (${sandbox.url}/_sandbox/) wants Authorization: Bearer ${sandbox.controlToken}`,
        );
        lifecycle.addShutdownHook(() => sandbox.close());
      },
    });
  },
});

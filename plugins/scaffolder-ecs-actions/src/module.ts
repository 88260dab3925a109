import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  AwsClientFactory,
  readTagKeys,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { readScaffolderSettings } from './config/scaffolderConfig';
import { createCodeDeployCreateAction } from './actions/codeDeployCreate';
import { createEcrEnsureRepositoryAction } from './actions/ecrEnsureRepository';
import { createEcsServiceCreateAction } from './actions/ecsServiceCreate';
import { createInfraRepoCreateAction } from './actions/infraRepoCreate';
import { createPipelineCreateAction } from './actions/pipelineCreate';

/**
 * Registers the ecs:* actions with the scaffolder. AWS clients come from the
 * same factory the ECS Deploy backend uses (`ecsDeploy.aws` and `aws.*`).
 *
 * @public
 */
export const scaffolderModuleEcsActions = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ecs-actions',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolderActions, config }) {
        const options = {
          clients: AwsClientFactory.fromConfig(config),
          settings: readScaffolderSettings(config),
          tagKeys: readTagKeys(config),
        };
        scaffolderActions.addActions(
          createInfraRepoCreateAction({
            ...options,
            integrations: ScmIntegrations.fromConfig(config),
          }),
          createEcrEnsureRepositoryAction(options),
          createEcsServiceCreateAction(options),
          createCodeDeployCreateAction(options),
          createPipelineCreateAction(options),
        );
      },
    });
  },
});

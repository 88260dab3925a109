import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { ecsDeployServiceCreatePermission } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  AwsClientFactory,
  readTagKeys,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { ServiceAuthorizer } from './authz/ServiceAuthorizer';
import { readScaffolderSettings } from './config/scaffolderConfig';
import { createCodeDeployCreateAction } from './actions/codeDeployCreate';
import { createEcrEnsureRepositoryAction } from './actions/ecrEnsureRepository';
import { createEcsServiceCreateAction } from './actions/ecsServiceCreate';
import { createInfraRepoCreateAction } from './actions/infraRepoCreate';
import { createPipelineCreateAction } from './actions/pipelineCreate';
import { createServiceCheckAction } from './actions/serviceCheck';

/**
 * Registers the ecs:* actions with the scaffolder. AWS clients come from the
 * same factory the ECS Deploy backend uses (`ecsDeploy.aws` and `aws.*`);
 * who may create a service for which owner is decided with the catalog and
 * the `ecs-deploy.service.create` permission.
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
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auth: coreServices.auth,
      },
      async init({
        scaffolderActions,
        config,
        catalog,
        permissions,
        permissionsRegistry,
        auth,
      }) {
        permissionsRegistry.addPermissions([ecsDeployServiceCreatePermission]);
        const clients = AwsClientFactory.fromConfig(config);
        const options = {
          clients,
          settings: readScaffolderSettings(config, clients.defaultRegion),
          tagKeys: readTagKeys(config),
          authorizer: new ServiceAuthorizer({ catalog, permissions, auth }),
        };
        scaffolderActions.addActions(
          createServiceCheckAction(options),
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

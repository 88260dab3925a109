import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ecsDeployPermissions } from '@ecs-deploy/plugin-ecs-deploy-common';
import { AwsClientFactory } from '@ecs-deploy/plugin-ecs-deploy-node';
import express from 'express';
import Router from 'express-promise-router';
import { EcsDeployActionService } from './actions/EcsDeployActionService';
import { ledgerHistoryAnnotator } from './actions/ledgerHistory';
import { ActionLedger } from './ledger/ActionLedger';
import { createActionRouter } from './routes/createActionRouter';
import { createReadRouter } from './routes/createReadRouter';
import { EcsDeployReadService } from './service/EcsDeployReadService';

/**
 * The ECS Deploy backend plugin: deployment history, traffic and tasks of
 * an entity's ECS services, under `/api/ecs-deploy`.
 *
 * @public
 */
export const ecsDeployPlugin = createBackendPlugin({
  pluginId: 'ecs-deploy',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        database: coreServices.database,
        auditor: coreServices.auditor,
      },
      async init({
        config,
        logger,
        cache,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        catalog,
        database,
        auditor,
      }) {
        permissionsRegistry.addPermissions(ecsDeployPermissions);
        const clients = AwsClientFactory.fromConfig(config);
        const reads = EcsDeployReadService.create({ config, cache, clients });
        const endpoint = clients.settings.endpoint;
        logger.info(
          `ECS Deploy reads AWS ${
            endpoint ? `through ${endpoint}` : 'directly'
          }`,
        );

        const router = Router();
        router.use(express.json());
        const ledger = await ActionLedger.create({ database });
        const actions = EcsDeployActionService.create({
          config,
          reads,
          ledger,
        });
        router.use(
          createReadRouter({
            httpAuth,
            catalog,
            permissions,
            reads,
            annotateHistory: ledgerHistoryAnnotator(ledger),
          }),
        );
        router.use(
          createActionRouter({
            httpAuth,
            catalog,
            permissions,
            auditor,
            actions,
          }),
        );
        httpRouter.use(router);
      },
    });
  },
});

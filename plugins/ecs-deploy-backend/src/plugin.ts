import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { ecsDeployPermissions } from '@ecs-deploy/plugin-ecs-deploy-common';
import { AwsClientFactory } from '@ecs-deploy/plugin-ecs-deploy-node';
import express from 'express';
import Router from 'express-promise-router';
import {
  ActionReconciler,
  scheduleActionReconciler,
} from './actions/ActionReconciler';
import { EcsDeployActionService } from './actions/EcsDeployActionService';
import { openPluginDatabase } from './database/openPluginDatabase';
import { registerAgentActions } from './agentActions/registerAgentActions';
import { readBackendSettings } from './config';
import { warmOnStart } from './environments/warmOnStart';
import { tabWarmer } from './reads/warmTabs';
import { AccessMemo } from './permissions/AccessMemo';
import { HistoryService } from './history/HistoryService';
import { ActionLedger } from './ledger/ActionLedger';
import { createReadContext } from './reads/createReadContext';
import {
  EcsDeployReadService,
  unreadableLogger,
} from './reads/EcsDeployReadService';
import { createApiRouter } from './routes/apiRouter';
import { errorHandler, notFoundHandler } from './routes/errorHandler';
import { assignRequestId } from './routes/requestId';
import { cacheSharedByReplicas, freshReads } from './routes/freshReads';
import { requireCredentials } from './routes/requireCredentials';
import { startWatching } from './watch/startWatching';
import { WatchIntake } from './watch/WatchIntake';
import { WatchStore } from './watch/WatchStore';

/**
 * How long the backend's start waits for the account-level indexes before
 * it reports ready; the warm-up goes on in the background after that.
 */
const WARM_ON_START_MAX_WAIT_MS = 30_000;

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
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        actionsRegistry: actionsRegistryServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
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
        auth,
        scheduler,
        lifecycle,
        actionsRegistry,
        signals,
        notifications,
      }) {
        permissionsRegistry.addPermissions(ecsDeployPermissions);
        const clients = AwsClientFactory.fromConfig(config);
        const settings = readBackendSettings(config);
        const { ctx, environments } = createReadContext({
          settings,
          cache,
          clients,
        });
        const db = await openPluginDatabase(database);
        const watches = new WatchStore(db);
        const intake = settings.watch.enabled
          ? new WatchIntake(watches, logger)
          : undefined;
        const reads = new EcsDeployReadService(
          ctx,
          environments,
          logger,
          intake && (entityRef => intake.noticed(entityRef)),
        );
        const endpoint = clients.settings.endpoint;
        logger.info(
          `ECS Deploy reads AWS ${
            endpoint ? `through ${endpoint}` : 'directly'
          }`,
        );

        // Credentials are required by the router itself, so that a 401 gets
        // the plugin's error body like every other error.
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        const router = Router();
        router.use(
          assignRequestId(),
          requireCredentials(httpAuth),
          freshReads(ctx.cache, {
            sharedByReplicas: cacheSharedByReplicas(config),
          }),
        );
        router.use(express.json());
        const ledger = await ActionLedger.create({
          database,
          leaseMs: settings.actions.leaseMs,
        });
        const history = new HistoryService({
          ctx,
          environments,
          ledger,
          logUnreadable: unreadableLogger(logger),
        });
        if (settings.warmOnStart) {
          lifecycle.addStartupHook(() =>
            warmOnStart({
              ctx,
              catalog,
              auth,
              logger,
              defaultRegion: clients.defaultRegion,
              discovery: settings.discovery,
              maxWaitMs: WARM_ON_START_MAX_WAIT_MS,
              warmEntity: tabWarmer({ reads, history }),
              entityLimit: settings.warmEntitiesOnStart,
            }),
          );
        }
        const actions = new EcsDeployActionService(
          {
            aws: ctx.aws,
            environments,
            tags: settings.tagKeys,
            releaseSteadyMs: settings.actions.releaseSteadyMs,
          },
          ledger,
          intake && (entityRef => intake.acted(entityRef)),
        );
        if (settings.watch.enabled) {
          await startWatching({
            settings,
            db,
            store: watches,
            scheduler,
            auth,
            catalog,
            logger,
            cache: ctx.cache,
            reads,
            ledger,
            signals,
            notifications,
            awsClock: clients.clock,
          });
        }
        await scheduleActionReconciler(
          scheduler,
          new ActionReconciler({ auth, catalog, logger, ledger, actions }),
        );
        router.use(
          await createApiRouter({
            httpAuth,
            catalog,
            permissions,
            auditor,
            reads,
            history,
            actions,
            access: new AccessMemo({ ttlMs: settings.accessMemoMs }),
          }),
        );
        // The same reads and actions for agents (MCP clients), as the caller.
        registerAgentActions(actionsRegistry, {
          catalog,
          permissions,
          auditor,
          reads,
          history,
          actions,
        });
        router.use(notFoundHandler(), errorHandler({ logger }));
        httpRouter.use(router);
      },
    });
  },
});

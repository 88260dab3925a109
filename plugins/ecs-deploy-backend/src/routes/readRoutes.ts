import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ecsDeployReadPermission } from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployActionService } from '../actions/EcsDeployActionService';
import { HistoryService } from '../history/HistoryService';
import { AccessMemo } from '../permissions/AccessMemo';
import { requireEntityPermission } from '../permissions/requireEntityPermission';
import { EcsDeployReadService } from '../reads/EcsDeployReadService';
import { EcsDeployApiRouter, EntityRequest } from './apiTypes';
import { deploymentDetail, historyPage } from './entityReads';
import { sendJson } from './sendJson';

/** What the read routes need. */
export interface ReadRouteDeps {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  reads: EcsDeployReadService;
  history: HistoryService;
  actions: Pick<EcsDeployActionService, 'actionsOn'>;
  /**
   * The lookups and decisions of reads, kept a few seconds per user and
   * entity; the same object reaches the other routes' reads through
   * createApiRouter's deps.
   */
  access?: AccessMemo;
}

/**
 * The read endpoints under `/entities/:kind/:namespace/:name`. The router
 * has validated the request against the spec; each route loads and
 * authorizes the entity, and only then reads AWS through the read service.
 */
export function addReadRoutes(
  router: EcsDeployApiRouter,
  deps: ReadRouteDeps,
): void {
  const authorize = (req: EntityRequest) =>
    requireEntityPermission(deps, req, req.params, ecsDeployReadPermission);

  router.get(
    '/entities/:kind/:namespace/:name/environments',
    async (req, res) => {
      const { entity } = await authorize(req);
      sendJson(res, await deps.reads.overviews(entity));
    },
  );

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    res.json(await historyPage(deps, await authorize(req), req.query));
  });

  router.get(
    '/entities/:kind/:namespace/:name/deployments/:deploymentId',
    async (req, res) => {
      const caller = await authorize(req);
      res.json(
        await deploymentDetail(
          deps,
          caller,
          req.query.environment,
          req.params.deploymentId,
        ),
      );
    },
  );

  router.get('/entities/:kind/:namespace/:name/traffic', async (req, res) => {
    const { entity } = await authorize(req);
    sendJson(res, await deps.reads.traffic(entity, req.query.environment));
  });

  router.get('/entities/:kind/:namespace/:name/tasks', async (req, res) => {
    const { entity } = await authorize(req);
    res.json(await deps.reads.runningTasks(entity, req.query.environment));
  });

  router.get(
    '/entities/:kind/:namespace/:name/stopped-tasks',
    async (req, res) => {
      const { entity } = await authorize(req);
      res.json(await deps.reads.stoppedTasks(entity, req.query.environment));
    },
  );
}

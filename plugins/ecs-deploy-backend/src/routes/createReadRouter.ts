import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ecsDeployReadPermission } from '@ecs-deploy/plugin-ecs-deploy-common';
import express from 'express';
import Router from 'express-promise-router';
import { requireEntityPermission } from '../permissions/requireEntityPermission';
import { HistoryService } from '../history/HistoryService';
import { EcsDeployReadService } from '../reads/EcsDeployReadService';
import { entityParams } from './entityParams';
import { unbindCursor, withBoundCursor } from './entityCursor';
import { parseInput } from './parseInput';
import {
  deploymentParams,
  environmentQuery,
  historyQuery,
  optionalEnvironmentQuery,
} from './readRequests';

/**
 * The read endpoints under `/entities/:kind/:namespace/:name`. Each one
 * validates its input, loads and authorizes the entity, and only then reads
 * AWS through the read service.
 */
export function createReadRouter(deps: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  reads: EcsDeployReadService;
  history: HistoryService;
}): express.Router {
  const router = Router();
  const base = '/entities/:kind/:namespace/:name';
  const authorize = (req: express.Request, params: unknown) =>
    requireEntityPermission(
      deps,
      req,
      parseInput(entityParams, params),
      ecsDeployReadPermission,
    );

  router.get(`${base}/environments`, async (req, res) => {
    const { entity } = await authorize(req, req.params);
    res.json(await deps.reads.overviews(entity));
  });

  router.get(`${base}/history`, async (req, res) => {
    const query = parseInput(historyQuery, req.query);
    const { entity, entityRef } = await authorize(req, req.params);
    const page = await deps.history.page(entity, entityRef, {
      ...query,
      cursor: query.cursor && unbindCursor(entityRef, query.cursor),
    });
    res.json(withBoundCursor(entityRef, page));
  });

  router.get(`${base}/deployments/:deploymentId`, async (req, res) => {
    const { deploymentId } = parseInput(deploymentParams, req.params);
    const { environment } = parseInput(environmentQuery, req.query);
    const { entity } = await authorize(req, req.params);
    res.json(await deps.reads.deployment(entity, environment, deploymentId));
  });

  router.get(`${base}/traffic`, async (req, res) => {
    const { environment } = parseInput(optionalEnvironmentQuery, req.query);
    const { entity } = await authorize(req, req.params);
    res.json(await deps.reads.traffic(entity, environment));
  });

  router.get(`${base}/stopped-tasks`, async (req, res) => {
    const { environment } = parseInput(environmentQuery, req.query);
    const { entity } = await authorize(req, req.params);
    res.json(await deps.reads.stoppedTasks(entity, environment));
  });

  return router;
}

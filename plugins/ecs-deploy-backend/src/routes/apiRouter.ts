import express from 'express';
import Router from 'express-promise-router';
import { createOpenApiRouter } from '../schema/openapi';
import { beginActionAudit, failActionAudit } from './actionAudit';
import { ActionRouteDeps, addActionRoutes } from './actionRoutes';
import { exactActionPaths } from './exactActionPaths';
import { addMetricsRoutes } from './metricsRoutes';
import { ReadRouteDeps, addReadRoutes } from './readRoutes';

/**
 * Every endpoint of the ECS Deploy API, on the router generated from
 * `src/schema/openapi.yaml`: a request reaches a route only once its path,
 * query, headers and body match the spec (a mismatch is an `InputError`,
 * answered by errorHandler.ts). Undocumented paths pass through unvalidated
 * and unanswered, to the plugin's 404.
 */
export async function createApiRouter(
  deps: ReadRouteDeps & ActionRouteDeps,
): Promise<express.Router> {
  // Its own JSON parser finds the body parsed by the plugin's, whose
  // failures errorHandler answers without echoing the body.
  const api = await createOpenApiRouter();
  addReadRoutes(api, deps);
  addMetricsRoutes(api, deps);
  addActionRoutes(api, deps);
  const router = Router();
  router.use(
    exactActionPaths(),
    beginActionAudit(deps.auditor),
    api,
    failActionAudit(),
  );
  return router;
}

import { NotFoundError } from '@backstage/errors';
import { ECS_DEPLOY_ACTION_NAMES } from '@ecs-deploy/plugin-ecs-deploy-common';
import express from 'express';
import Router from 'express-promise-router';

const ACTIONS: readonly string[] = ECS_DEPLOY_ACTION_NAMES;

/**
 * Express and the spec's validator match paths case-insensitively; action
 * names are not: `actions/CONTINUE` is no endpoint (and would otherwise
 * act without the audit event, which opens for the exact names only).
 */
export function exactActionPaths(): express.Router {
  const router = Router();
  router.use(
    '/entities/:kind/:namespace/:name/actions/:action',
    (req, _res, next) => {
      const { action } = req.params;
      if (!ACTIONS.includes(action)) {
        throw new NotFoundError('No such endpoint in the ECS Deploy API');
      }
      next();
    },
  );
  return router;
}

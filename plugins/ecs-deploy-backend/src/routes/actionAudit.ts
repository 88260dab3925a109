import {
  AuditorService,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { ECS_DEPLOY_ACTION_NAMES } from '@ecs-deploy/plugin-ecs-deploy-common';
import express, { ErrorRequestHandler, Response } from 'express';
import Router from 'express-promise-router';

const ACTION_PATH = '/entities/:kind/:namespace/:name/actions/:action';
const EVENT = Symbol('ecs-deployment-action audit event');

type AuditedLocals = { [EVENT]?: AuditorServiceEvent };

/**
 * Opens the audit event of every action request before the router validates
 * it, so that a request refused for its input is audited like one refused
 * for its permission. Unknown actions are unknown endpoints, not audited
 * (exactActionPaths.ts refuses them first).
 */
export function beginActionAudit(auditor: AuditorService): express.Router {
  const router = Router();
  router.use(ACTION_PATH, async (req, res, next) => {
    const { kind, namespace, name, action } = req.params;
    const known = (ECS_DEPLOY_ACTION_NAMES as readonly string[]).includes(
      action,
    );
    if (req.method === 'POST' && req.path === '/' && known) {
      (res.locals as AuditedLocals)[EVENT] = await auditor.createEvent({
        eventId: 'ecs-deployment-action',
        severityLevel: 'medium',
        request: req,
        meta: { action, entityRef: `${kind}:${namespace}/${name}` },
      });
    }
    next();
  });
  return router;
}

function takeEvent(res: Response): AuditorServiceEvent | undefined {
  const locals = res.locals as AuditedLocals;
  const event = locals[EVENT];
  delete locals[EVENT];
  return event;
}

/** Ends the request's action audit event as a success. */
export async function auditActionSuccess(
  res: Response,
  meta: JsonObject,
): Promise<void> {
  await takeEvent(res)?.success({ meta });
}

/** Ends the action audit event of a failed request, whatever refused it. */
export function failActionAudit(): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const event = takeEvent(res);
    if (!event) {
      next(error);
      return;
    }
    event
      .fail({ error: isError(error) ? error : new Error(String(error)) })
      .then(() => next(error), next);
  };
}

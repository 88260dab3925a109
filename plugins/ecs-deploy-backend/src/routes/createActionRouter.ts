import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ECS_DEPLOY_ACTION_PERMISSIONS,
  IDEMPOTENCY_KEY_HEADER,
  ecsDeployReadPermission,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import express from 'express';
import Router from 'express-promise-router';
import { parseActionRequest } from '../actions/actionRequest';
import { EcsDeployActionService } from '../actions/EcsDeployActionService';
import { requireEntityPermission } from '../permissions/requireEntityPermission';
import {
  actionParams,
  ledgerQuery,
  parseIdempotencyKey,
  previewQuery,
} from './actionRequests';
import { entityParams } from './entityParams';
import { unbindCursor, withBoundCursor } from './entityCursor';
import { parseInput } from './parseInput';

function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  if (principal.type !== 'user' || !principal.userEntityRef) {
    throw new NotAllowedError(
      'ECS Deploy actions are taken by signed-in users: the ledger names who acted',
    );
  }
  return principal.userEntityRef;
}

/**
 * The promotion endpoints under `/entities/:kind/:namespace/:name`:
 * `POST actions/:action`, `GET ledger`, `GET promotion-preview`. An action is
 * validated, authorized with its own permission against the entity (denied:
 * no AWS call), audited, and handed to the action service.
 */
export function createActionRouter(deps: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  auditor: AuditorService;
  actions: EcsDeployActionService;
}): express.Router {
  const router = Router();
  const base = '/entities/:kind/:namespace/:name';

  router.post(`${base}/actions/:action`, async (req, res) => {
    const audit = await deps.auditor.createEvent({
      eventId: 'ecs-deployment-action',
      severityLevel: 'medium',
      request: req,
      meta: {
        action: String(req.params.action),
        entityRef: `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
      },
    });
    try {
      const ref = parseInput(entityParams, req.params);
      const { action } = parseInput(actionParams, req.params);
      const request = parseActionRequest(action, req.body);
      const key = parseIdempotencyKey(req.header(IDEMPOTENCY_KEY_HEADER));
      const { entity, entityRef, credentials } = await requireEntityPermission(
        deps,
        req,
        ref,
        ECS_DEPLOY_ACTION_PERMISSIONS[action],
      );
      const actor = actorOf(credentials);
      const { response, replay } = await deps.actions.perform(
        { entity, entityRef, actor },
        request,
        key,
      );
      await audit.success({
        meta: {
          environment: request.environment,
          ledgerEntryId: response.ledgerEntry.id,
          awsResource: response.ledgerEntry.awsResource ?? null,
          replay,
        },
      });
      res.json(response);
    } catch (error) {
      await audit.fail({
        error: isError(error) ? error : new Error(String(error)),
      });
      throw error;
    }
  });

  router.get(`${base}/ledger`, async (req, res) => {
    const query = parseInput(ledgerQuery, req.query);
    const { entityRef } = await requireEntityPermission(
      deps,
      req,
      parseInput(entityParams, req.params),
      ecsDeployReadPermission,
    );
    const page = await deps.actions.ledgerPage(entityRef, {
      ...query,
      cursor: query.cursor && unbindCursor(entityRef, query.cursor),
    });
    res.json(withBoundCursor(entityRef, page));
  });

  router.get(`${base}/promotion-preview`, async (req, res) => {
    const { from, to } = parseInput(previewQuery, req.query);
    const caller = await requireEntityPermission(
      deps,
      req,
      parseInput(entityParams, req.params),
      ecsDeployReadPermission,
    );
    res.json(await deps.actions.preview(caller, from, to));
  });

  return router;
}

import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  ECS_DEPLOY_ACTION_PERMISSIONS,
  EcsDeployActionName,
  IDEMPOTENCY_KEY_HEADER,
  ecsDeployReadPermission,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { Response } from 'express';
import { parseActionRequest } from '../actions/actionRequest';
import { EcsDeployActionService } from '../actions/EcsDeployActionService';
import { actingUser } from '../permissions/authorizeEntity';
import { requireEntityPermission } from '../permissions/requireEntityPermission';
import { auditActionSuccess } from './actionAudit';
import {
  DEFAULT_PAGE_SIZE,
  EcsDeployApiRouter,
  EntityRequest,
} from './apiTypes';
import { unbindCursor, withBoundCursor } from './entityCursor';

/** What the action routes need. */
export interface ActionRouteDeps {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  auditor: AuditorService;
  actions: EcsDeployActionService;
}

/**
 * The promotion endpoints under `/entities/:kind/:namespace/:name`:
 * `POST actions/<action>` (one path per action, each with its own body in
 * the spec), `GET ledger`, `GET promotion-preview`. An action, validated by
 * the router and by the rules the spec cannot state, is authorized with its
 * own permission against the entity (denied: no AWS call) and handed to the
 * action service; its audit event opened before validation (actionAudit.ts).
 */
export function addActionRoutes(
  router: EcsDeployApiRouter,
  deps: ActionRouteDeps,
): void {
  const authorize = (
    req: EntityRequest,
    permission: ResourcePermission<'catalog-entity'>,
  ) => requireEntityPermission(deps, req, req.params, permission);

  const perform = async (
    action: EcsDeployActionName,
    req: EntityRequest,
    res: Response,
  ) => {
    const request = parseActionRequest(action, req.body);
    const { entity, entityRef, credentials } = await authorize(
      req,
      ECS_DEPLOY_ACTION_PERMISSIONS[action],
    );
    const actor = actingUser(credentials);
    const { response, replay } = await deps.actions.perform(
      { entity, entityRef, actor },
      request,
      req.header(IDEMPOTENCY_KEY_HEADER),
    );
    await auditActionSuccess(res, {
      environment: request.environment,
      ledgerEntryId: response.ledgerEntry.id,
      awsResource: response.ledgerEntry.awsResource ?? null,
      replay,
    });
    res.json(response);
  };

  router.post('/entities/:kind/:namespace/:name/actions/continue', (req, res) =>
    perform('continue', req, res),
  );
  router.post(
    '/entities/:kind/:namespace/:name/actions/finish-early',
    (req, res) => perform('finish-early', req, res),
  );
  router.post('/entities/:kind/:namespace/:name/actions/rollback', (req, res) =>
    perform('rollback', req, res),
  );
  router.post('/entities/:kind/:namespace/:name/actions/approve', (req, res) =>
    perform('approve', req, res),
  );
  router.post(
    '/entities/:kind/:namespace/:name/actions/start-pipeline',
    (req, res) => perform('start-pipeline', req, res),
  );
  router.post(
    '/entities/:kind/:namespace/:name/actions/retry-stage',
    (req, res) => perform('retry-stage', req, res),
  );
  router.post('/entities/:kind/:namespace/:name/actions/promote', (req, res) =>
    perform('promote', req, res),
  );
  router.post(
    '/entities/:kind/:namespace/:name/actions/start-release',
    (req, res) => perform('start-release', req, res),
  );
  router.post(
    '/entities/:kind/:namespace/:name/actions/shift-traffic',
    (req, res) => perform('shift-traffic', req, res),
  );
  router.post(
    '/entities/:kind/:namespace/:name/actions/promote-release',
    (req, res) => perform('promote-release', req, res),
  );
  router.post(
    '/entities/:kind/:namespace/:name/actions/abort-release',
    (req, res) => perform('abort-release', req, res),
  );

  router.get('/entities/:kind/:namespace/:name/ledger', async (req, res) => {
    const { entityRef } = await authorize(req, ecsDeployReadPermission);
    const { cursor, ...query } = req.query;
    const page = await deps.actions.ledgerPage(entityRef, {
      ...query,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: cursor && unbindCursor(entityRef, cursor),
    });
    res.json(withBoundCursor(entityRef, page));
  });

  router.get(
    '/entities/:kind/:namespace/:name/promotion-preview',
    async (req, res) => {
      const caller = await authorize(req, ecsDeployReadPermission);
      res.json(
        await deps.actions.preview(caller, req.query.from, req.query.to),
      );
    },
  );
}

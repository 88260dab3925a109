import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ecsDeployReadPermission } from '@ecs-deploy/plugin-ecs-deploy-common';
import { HistoryService } from '../history/HistoryService';
import {
  DeliveryMetricsService,
  deliveryMetricsOf,
} from '../metrics/DeliveryMetricsService';
import {
  OWNER_ENTITY_LIMIT,
  readableOwnedEntities,
} from '../metrics/ownedEntities';
import { requireEntityPermission } from '../permissions/requireEntityPermission';
import { spec } from '../schema/openapi';
import { EcsDeployApiRouter, EntityRequest } from './apiTypes';

/** What the metrics routes need. */
export interface MetricsRouteDeps {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  history: HistoryService;
}

/** The window when a request names none, as the spec declares it. */
const DEFAULT_WINDOW_DAYS: number =
  spec.components.parameters.metricsWindow.schema.default;

/** `group:default/team-x`, or `team-x` for a group of the default namespace. */
function ownerRef(owner: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new InputError(`Invalid request: owner: '${owner}' is no entity ref`);
  }
}

/**
 * The delivery metrics of an entity (loaded and authorized like every read
 * route) and of the entities of an owner (each authorized, the others left
 * out), computed by the backend from the whole history.
 */
export function addMetricsRoutes(
  router: EcsDeployApiRouter,
  deps: MetricsRouteDeps,
): void {
  let service: DeliveryMetricsService | undefined;
  // Built on first use: the history's cache exists once the plugin runs.
  const metrics = () => (service ??= deliveryMetricsOf(deps.history));

  const authorize = (req: EntityRequest) =>
    requireEntityPermission(deps, req, req.params, ecsDeployReadPermission);

  router.get('/entities/:kind/:namespace/:name/metrics', async (req, res) => {
    const caller = await authorize(req);
    res.json(
      await metrics().ofEntity(caller, {
        windowDays: req.query.window ?? DEFAULT_WINDOW_DAYS,
        environment: req.query.environment,
      }),
    );
  });

  router.get('/metrics', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const owner = ownerRef(req.query.owner);
    const { entities, truncated } = await readableOwnedEntities(
      deps,
      credentials,
      owner,
    );
    res.json(
      await metrics().ofEntities(owner, entities, {
        windowDays: req.query.window ?? DEFAULT_WINDOW_DAYS,
        environment: req.query.environment,
        limit: OWNER_ENTITY_LIMIT,
        truncated,
      }),
    );
  });
}

import { Entity } from '@backstage/catalog-model';
import {
  DeploymentDetail,
  DeploymentStatus,
  HistoryResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployActionService } from '../actions/EcsDeployActionService';
import { HistoryService } from '../history/HistoryService';
import { EcsDeployReadService } from '../reads/EcsDeployReadService';
import { DEFAULT_PAGE_SIZE } from './apiTypes';
import { unbindCursor, withBoundCursor } from './entityCursor';

/*
 * The reads that are more than one service call, shared by the HTTP routes
 * and the actions registry so that both answer the same. The entity is
 * already loaded as the caller and authorized.
 */

/** What the shared reads need. */
export interface EntityReadDeps {
  reads: EcsDeployReadService;
  history: HistoryService;
  actions: Pick<EcsDeployActionService, 'actionsOn'>;
}

type Caller = { entity: Entity; entityRef: string };

/** A page of the history, its cursors tied to the entity. */
export async function historyPage(
  deps: EntityReadDeps,
  { entity, entityRef }: Caller,
  query: {
    environment?: string;
    status?: DeploymentStatus[];
    cursor?: string;
    limit?: number;
  },
): Promise<HistoryResponse> {
  const { cursor, ...rest } = query;
  const page = await deps.history.page(entity, entityRef, {
    ...rest,
    limit: rest.limit ?? DEFAULT_PAGE_SIZE,
    cursor: cursor && unbindCursor(entityRef, cursor),
  });
  return withBoundCursor(entityRef, page);
}

/** A deployment in detail, with the steps taken on it from the portal. */
export async function deploymentDetail(
  deps: EntityReadDeps,
  { entity, entityRef }: Caller,
  environment: string,
  deploymentId: string,
): Promise<DeploymentDetail> {
  const [detail, portalActions] = await Promise.all([
    deps.reads.deployment(entity, environment, deploymentId),
    deps.actions.actionsOn(entityRef, environment, deploymentId),
  ]);
  // The steps taken from the portal (a release's shifts), with who took them.
  return portalActions.length
    ? { ...detail, deployment: { ...detail.deployment, portalActions } }
    : detail;
}

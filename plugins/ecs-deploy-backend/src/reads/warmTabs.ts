import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EnvironmentsResponse,
  ecsDeployPageReads,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { HistoryService } from '../history/HistoryService';
import { deliveryMetricsOf } from '../metrics/DeliveryMetricsService';
import { EcsDeployReadService } from './EcsDeployReadService';

/** The Deployments tab's first reads (`ecsDeployPageReads`), as its query strings give them. */
const [strip, metricsWave] = ecsDeployPageReads.deployments.open(['']);
const historyLimit = Number(
  strip.find(r => r.path === '/history')?.query?.limit ?? 50,
);
const metricsWindow = Number(metricsWave[0]?.query?.window ?? 30);

/**
 * What the Deployments tab reads beside the strip and the tasks: the newest
 * history page and the metrics card of the last environment. The watcher's
 * looks read them too, so that what viewers of a moving entity read is
 * cached whatever their number.
 */
export function historyTabReads(
  history: HistoryService,
): (entity: Entity, overviews: EnvironmentsResponse) => Promise<void> {
  const metrics = deliveryMetricsOf(history);
  return async (entity, overviews) => {
    const entityRef = stringifyEntityRef(entity);
    const last = overviews.environments[overviews.environments.length - 1];
    await Promise.all([
      history.page(entity, entityRef, { limit: historyLimit }),
      last &&
        metrics.ofEntity(
          { entity, entityRef },
          { windowDays: metricsWindow, environment: last.name },
        ),
    ]);
  };
}

/**
 * Reads what an entity's tabs read when they open, so that the values they
 * are made of are cached: the strip, the running tasks, the traffic, then
 * the newest history page and the metrics card. Used at start
 * (warmOnStart), before the backend reports ready, so the viewers a restart
 * brings back find them; the answers themselves are made again from the
 * cached values on the first request, at no AWS cost.
 */
export function tabWarmer(deps: {
  reads: EcsDeployReadService;
  history: HistoryService;
}): (entity: Entity) => Promise<void> {
  const historyTab = historyTabReads(deps.history);
  return async entity => {
    const [overviews] = await Promise.all([
      deps.reads.overviews(entity),
      deps.reads.runningTasks(entity),
      deps.reads.traffic(entity),
    ]);
    await historyTab(entity, overviews);
  };
}

import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ecsDeployPageReads } from '@ecs-deploy/plugin-ecs-deploy-common';
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
 * Reads what an entity's tabs read when they open, so that the values they
 * are made of are cached: the strip, the running tasks, the newest history
 * page, the metrics card of the last environment, and the traffic. Used at
 * start (warmOnStart), before the backend reports ready, so the viewers a
 * restart brings back find them; the answers themselves are made again from
 * the cached values on the first request, at no AWS cost.
 */
export function tabWarmer(deps: {
  reads: EcsDeployReadService;
  history: HistoryService;
}): (entity: Entity) => Promise<void> {
  const metrics = deliveryMetricsOf(deps.history);
  return async entity => {
    const entityRef = stringifyEntityRef(entity);
    const [overviews] = await Promise.all([
      deps.reads.overviews(entity),
      deps.reads.runningTasks(entity),
      deps.history.page(entity, entityRef, { limit: historyLimit }),
      deps.reads.traffic(entity),
    ]);
    const last = overviews.environments[overviews.environments.length - 1];
    if (last) {
      await metrics.ofEntity(
        { entity, entityRef },
        { windowDays: metricsWindow, environment: last.name },
      );
    }
  };
}

import type { EcsStore } from '../EcsStore';
import type {
  RolloutRecord,
  ServiceDeploymentRecord,
  ServiceRecord,
} from '../model';
import { MINUTE_MS } from '../timing';
import { enterStage } from './hooks';
import { latestStart, markSucceeded } from './status';
import { shiftTraffic } from './traffic';

/**
 * One step of a BLUE_GREEN, CANARY or LINEAR deployment: PRE_SCALE_UP ->
 * SCALE_UP (green tasks in the alternate target group) -> POST_SCALE_UP ->
 * TEST_TRAFFIC_SHIFT (test rule to green) -> POST_TEST_TRAFFIC_SHIFT ->
 * PRE_PRODUCTION_TRAFFIC_SHIFT -> PRODUCTION_TRAFFIC_SHIFT (all at once,
 * canary percent then the rest after the canary bake, or linear steps) ->
 * POST_PRODUCTION_TRAFFIC_SHIFT -> BAKE_TIME -> CLEAN_UP (blue tasks stop)
 * -> SUCCESSFUL. False when it must wait.
 */
export function stepTrafficShifting(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  target: RolloutRecord,
  now: number,
): boolean {
  const config = d.deploymentConfiguration;
  switch (d.lifecycleStage) {
    case 'PRE_SCALE_UP':
      target.desiredCount = service.desiredCount;
      enterStage(store, d, service, 'SCALE_UP', now);
      return true;
    case 'SCALE_UP': {
      // follows UpdateService desiredCount changes made meanwhile
      target.desiredCount = service.desiredCount;
      const running = store
        .liveTasksOf(target.id)
        .filter(t => t.lastStatus === 'RUNNING');
      if (running.length < service.desiredCount) return false;
      enterStage(store, d, service, 'POST_SCALE_UP', latestStart(running, now));
      return true;
    }
    case 'POST_SCALE_UP':
      enterStage(store, d, service, 'TEST_TRAFFIC_SHIFT', now);
      return true;
    case 'TEST_TRAFFIC_SHIFT':
      shiftTraffic(store, service, d, 100, 'test');
      enterStage(store, d, service, 'POST_TEST_TRAFFIC_SHIFT', now);
      return true;
    case 'POST_TEST_TRAFFIC_SHIFT':
      enterStage(store, d, service, 'PRE_PRODUCTION_TRAFFIC_SHIFT', now);
      return true;
    case 'PRE_PRODUCTION_TRAFFIC_SHIFT':
      enterStage(store, d, service, 'PRODUCTION_TRAFFIC_SHIFT', now);
      return true;
    case 'PRODUCTION_TRAFFIC_SHIFT': {
      if (d.waitUntil !== undefined && now < d.waitUntil) return false;
      const at = d.waitUntil ?? now;
      let percent = 100;
      let wait: number | undefined;
      if (d.strategy === 'CANARY' && d.productionPercent === 0) {
        percent = clampPercent(config.canaryConfiguration?.canaryPercent ?? 10);
        wait =
          (config.canaryConfiguration?.canaryBakeTimeInMinutes ?? 10) *
          MINUTE_MS;
      } else if (d.strategy === 'LINEAR') {
        const stepPercent = clampPercent(
          config.linearConfiguration?.stepPercent ?? 10,
        );
        percent = Math.min(100, d.productionPercent + stepPercent);
        wait =
          (config.linearConfiguration?.stepBakeTimeInMinutes ?? 6) * MINUTE_MS;
      }
      shiftTraffic(store, service, d, percent, 'production');
      d.updatedAt = at;
      if (percent < 100) {
        d.waitUntil = at + (wait ?? 0);
        return true;
      }
      d.waitUntil = undefined;
      enterStage(store, d, service, 'POST_PRODUCTION_TRAFFIC_SHIFT', at);
      return true;
    }
    case 'POST_PRODUCTION_TRAFFIC_SHIFT':
      enterStage(store, d, service, 'BAKE_TIME', now);
      d.waitUntil = now + (config.bakeTimeInMinutes ?? 0) * MINUTE_MS;
      return true;
    case 'BAKE_TIME': {
      if (d.waitUntil !== undefined && now < d.waitUntil) return false;
      const at = d.waitUntil ?? now;
      d.waitUntil = undefined;
      const source = service.rollouts.find(r => r.id === d.sourceRolloutId);
      if (source) source.desiredCount = 0;
      enterStage(store, d, service, 'CLEAN_UP', at);
      return true;
    }
    case 'CLEAN_UP': {
      const others = service.rollouts.filter(r => r !== target);
      if (others.some(o => store.liveTasksOf(o.id).length > 0)) return false;
      service.rollouts = [target];
      service.liveTargetGroups = [...d.targetTargetGroups];
      markSucceeded(store, service, d, target, now);
      return false;
    }
    default:
      return false;
  }
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(1, Number(value) || 10));
}

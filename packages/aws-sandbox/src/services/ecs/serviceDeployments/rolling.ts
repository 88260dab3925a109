import type { EcsStore } from '../EcsStore';
import type {
  RolloutRecord,
  ServiceDeploymentRecord,
  ServiceRecord,
} from '../model';
import { enterStage } from './hooks';
import { latestStart, markSucceeded } from './status';

/**
 * One step of a ROLLING deployment, as AWS's rolling update: old tasks stop
 * while the healthy count stays at `minimumHealthyPercent`, new ones start
 * while the total stays within `maximumPercent`. SCALE_UP until the new
 * tasks all run, CLEAN_UP until the old ones are gone. False when it must
 * wait.
 */
export function stepRolling(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  target: RolloutRecord,
  now: number,
): boolean {
  const running = store
    .liveTasksOf(target.id)
    .filter(t => t.lastStatus === 'RUNNING');
  const olds = service.rollouts.filter(r => r !== target);
  const desired = service.desiredCount;
  const config = d.deploymentConfiguration;
  const minHealthy = Math.ceil(
    (desired * (config.minimumHealthyPercent ?? 100)) / 100,
  );
  const maxTotal = Math.max(
    1,
    Math.floor((desired * (config.maximumPercent ?? 200)) / 100),
  );
  let keepOld = Math.max(0, Math.min(desired, minHealthy) - running.length);
  for (const old of olds) {
    const live = store.liveTasksOf(old.id).length;
    old.desiredCount = Math.min(live, keepOld);
    keepOld -= old.desiredCount;
  }
  const oldTotal = olds.reduce((sum, o) => sum + o.desiredCount, 0);
  if (target.rolloutState === 'IN_PROGRESS') {
    target.desiredCount = Math.min(desired, Math.max(0, maxTotal - oldTotal));
  }
  if (
    d.lifecycleStage === 'SCALE_UP' &&
    running.length >= service.desiredCount
  ) {
    enterStage(store, d, service, 'CLEAN_UP', latestStart(running, now));
    return true;
  }
  if (d.lifecycleStage === 'CLEAN_UP') {
    if (olds.some(o => store.liveTasksOf(o.id).length > 0)) return false;
    service.rollouts = [target];
    markSucceeded(store, service, d, target, now);
  }
  return false;
}

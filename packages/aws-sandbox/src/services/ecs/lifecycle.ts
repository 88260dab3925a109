import type { EcsStore } from './EcsStore';
import { progressTasks, reconcile } from './scheduler';
import { advanceServiceDeployments } from './serviceDeployments';

/**
 * What moves in ECS on each tick, in order: starting tasks run or fail, service
 * deployments take their next steps, the scheduler starts and stops tasks to
 * match the desired counts those steps set; then once more, because start-ups
 * and drains decided above may already be due.
 */
export function advanceEcs(store: EcsStore, now: number): void {
  progressTasks(store, now);
  advanceServiceDeployments(store, now);
  reconcile(store, now);
  progressTasks(store, now);
  advanceServiceDeployments(store, now);
  store.pruneStoppedTasks();
}

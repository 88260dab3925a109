import type { EcsStore } from '../EcsStore';
import type {
  LifecycleStage,
  RolloutRecord,
  ServiceDeploymentRecord,
  ServiceRecord,
  Strategy,
} from '../model';

/** The lifecycle stages of the traffic-shifting strategies, in order. */
export const SHIFTING_STAGES: LifecycleStage[] = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

/** A deployment the machine still moves. */
export function isActiveDeployment(d: ServiceDeploymentRecord): boolean {
  return (
    d.status === 'PENDING' ||
    d.status === 'IN_PROGRESS' ||
    d.status === 'ROLLBACK_REQUESTED' ||
    d.status === 'ROLLBACK_IN_PROGRESS' ||
    d.status === 'STOP_REQUESTED'
  );
}

export function strategyOf(service: ServiceRecord): Strategy {
  const s = service.deploymentConfiguration.strategy;
  return s === 'BLUE_GREEN' || s === 'LINEAR' || s === 'CANARY' ? s : 'ROLLING';
}

/** Circuit breaker threshold, as AWS computes it: half the desired count, 3..200. */
export function failureThreshold(service: ServiceRecord): number {
  return Math.min(200, Math.max(3, Math.ceil(service.desiredCount / 2)));
}

/** When the last of `tasks` started (or `fallback` when none has). */
export function latestStart(
  tasks: { startedAt?: number }[],
  fallback: number,
): number {
  const times = tasks.map(t => t.startedAt ?? fallback);
  return times.length ? Math.max(...times) : fallback;
}

/** Ends a deployment STOPPED with `reason`. */
export function markStopped(
  d: ServiceDeploymentRecord,
  reason: string,
  at: number,
): void {
  d.status = 'STOPPED';
  d.statusReason = reason;
  d.stoppedAt = at;
  d.finishedAt = at;
  d.updatedAt = at;
}

/** Ends a deployment SUCCESSFUL: its target rollout completed and is the service's revision. */
export function markSucceeded(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  target: RolloutRecord,
  now: number,
): void {
  d.status = 'SUCCESSFUL';
  d.statusReason = undefined;
  d.finishedAt = now;
  d.updatedAt = now;
  if (d.circuitBreakerStatus === 'MONITORING')
    d.circuitBreakerStatus = 'MONITORING_COMPLETE';
  target.rolloutState = 'COMPLETED';
  target.rolloutStateReason = 'ECS deployment completed.';
  target.updatedAt = now;
  service.currentRevisionArn = d.targetRevisionArn;
  store.addEvent(service, `deployment ${target.id} completed.`, now);
}

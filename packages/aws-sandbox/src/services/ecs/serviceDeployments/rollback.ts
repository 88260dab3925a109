import { AwsError } from '../../../core/AwsError';
import type { EcsStore } from '../EcsStore';
import type { ServiceDeploymentRecord, ServiceRecord } from '../model';
import { DEREGISTRATION_DELAY_MS } from '../timing';
import { markStopped } from './status';
import { routeAllTo } from './traffic';

/*
 * How a service deployment ends early: rolled back (a failed hook, the circuit
 * breaker, StopServiceDeployment), or stopped by a newer deployment.
 */

/** Traffic and the desired count go back to the source revision; ROLLBACK_IN_PROGRESS. */
export function rollBack(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  reason: string,
  now: number,
): void {
  const target = service.rollouts.find(r => r.id === d.targetRolloutId);
  const source = service.rollouts.find(r => r.id === d.sourceRolloutId);
  if (!source) {
    // Nothing to go back to (the service's first deployment).
    markStopped(d, reason, now);
    return;
  }
  d.status = 'ROLLBACK_IN_PROGRESS';
  d.statusReason = reason;
  d.rollback = {
    reason,
    startedAt: now,
    serviceRevisionArn: d.sourceRevisionArns[0],
  };
  d.updatedAt = now;
  d.waitUntil = undefined;
  if (d.strategy !== 'ROLLING') {
    routeAllTo(store, service, d.sourceTargetGroups);
    d.productionPercent = 0;
  }
  if (target) {
    target.status = 'ACTIVE';
    target.desiredCount = 0;
    target.rolloutState = 'FAILED';
    target.rolloutStateReason = reason;
    target.updatedAt = now;
  }
  source.status = 'PRIMARY';
  source.desiredCount = service.desiredCount;
  service.taskDefinition = source.taskDefinition;
  service.steady = false;
  store.addEvent(
    service,
    `rolling back deployment ${target?.id}: ${reason}`,
    now,
  );
}

/** ROLLBACK_SUCCESSFUL once the target's tasks are gone, drained, and the source runs its count. */
export function finishRollback(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  now: number,
): void {
  if (store.liveTasksOf(d.targetRolloutId).length > 0) return;
  // Connections to the rolled-back tasks drain before AWS reports success.
  if (d.rollback && now < d.rollback.startedAt + DEREGISTRATION_DELAY_MS) {
    return;
  }
  const source = service.rollouts.find(r => r.id === d.sourceRolloutId);
  const running = source
    ? store.liveTasksOf(source.id).filter(t => t.lastStatus === 'RUNNING')
        .length
    : 0;
  if (source && running < source.desiredCount) return;
  service.rollouts = service.rollouts.filter(r => r.id !== d.targetRolloutId);
  d.status = 'ROLLBACK_SUCCESSFUL';
  d.finishedAt = now;
  d.updatedAt = now;
}

/** A newer UpdateService stops the running deployment where it stands. */
export function supersede(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  now: number,
): void {
  if (d.strategy !== 'ROLLING')
    routeAllTo(store, service, d.sourceTargetGroups);
  markStopped(
    d,
    'Service deployment stopped because a newer service deployment started.',
    now,
  );
  const target = service.rollouts.find(r => r.id === d.targetRolloutId);
  if (target && d.strategy !== 'ROLLING') {
    // The half-deployed green revision is abandoned; blue stays primary.
    target.desiredCount = 0;
    target.status = 'ACTIVE';
    const source = service.rollouts.find(r => r.id === d.sourceRolloutId);
    if (source) source.status = 'PRIMARY';
  }
}

/** StopServiceDeployment (ROLLBACK). */
export function stopServiceDeployment(
  store: EcsStore,
  d: ServiceDeploymentRecord,
  now: number,
): void {
  if (d.status !== 'IN_PROGRESS' && d.status !== 'PENDING') {
    throw new AwsError(
      'ConflictException',
      `The service deployment is in status ${d.status} and cannot be stopped.`,
    );
  }
  const service = store.services.get(d.serviceArn);
  if (!service) return;
  rollBack(
    store,
    service,
    d,
    'Service deployment rolled back because of a stop request.',
    now,
  );
}

import { AwsError } from '../../../core/AwsError';
import type { EcsStore } from '../EcsStore';
import type { ServiceDeploymentRecord, ServiceRecord } from '../model';
import { hookGate } from './hooks';
import { finishRollback, rollBack } from './rollback';
import { stepRolling } from './rolling';
import { SHIFTING_STAGES, failureThreshold, markStopped } from './status';
import { stepTrafficShifting } from './trafficShifting';

/** Moves every active service deployment as far as the clock allows. */
export function advanceServiceDeployments(store: EcsStore, now: number): void {
  for (const d of store.activeDeployments()) {
    const service = store.services.get(d.serviceArn);
    if (!service) continue;
    try {
      // Bounded: a deployment passes each stage at most once per tick.
      for (let i = 0; i < SHIFTING_STAGES.length + 4; i++) {
        if (!step(store, service, d, now)) break;
      }
    } catch (error) {
      // A resource the deployment needs went away (say, a listener rule):
      // AWS stops the deployment with the reason rather than retry forever.
      if (!(error instanceof AwsError)) throw error;
      markStopped(d, `Service deployment stopped: ${error.message}`, now);
    }
  }
}

/** One transition; false when the deployment must wait. */
function step(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  now: number,
): boolean {
  if (d.status === 'ROLLBACK_IN_PROGRESS') {
    finishRollback(store, service, d, now);
    return false;
  }
  if (d.status !== 'IN_PROGRESS') return false;

  const target = service.rollouts.find(r => r.id === d.targetRolloutId);
  if (!target) return false;
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  if (breaker?.enable && target.failedTasks >= failureThreshold(service)) {
    d.circuitBreakerStatus = 'TRIGGERED';
    target.rolloutState = 'FAILED';
    target.rolloutStateReason = `ECS deployment circuit breaker: tasks failed to start.`;
    if (breaker.rollback && d.sourceRolloutId) {
      rollBack(
        store,
        service,
        d,
        'Service deployment rolled back because the circuit breaker threshold was exceeded.',
        now,
      );
      return true;
    }
    markStopped(
      d,
      'Service deployment stopped because the circuit breaker threshold was exceeded.',
      now,
    );
    return false;
  }

  // Hooks of the current stage gate its work.
  const gate = hookGate(store, service, d, now);
  if (gate === 'rolledBack') return true;
  if (gate === 'wait') return false;

  return d.strategy === 'ROLLING'
    ? stepRolling(store, service, d, target, now)
    : stepTrafficShifting(store, service, d, target, now);
}

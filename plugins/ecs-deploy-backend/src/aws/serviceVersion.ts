import { createHash } from 'node:crypto';
import { ServiceState } from './state';

/*
 * Digests of what, in a service's state, the values read beside it depend
 * on. They key those values (CacheClass `settled`): a change in the service,
 * read again at the idle pace, is a new key on every replica at once, and
 * while it does not change they need not be read again.
 */

function digest(parts: unknown): string {
  return createHash('sha1')
    .update(JSON.stringify(parts))
    .digest('base64url')
    .slice(0, 12);
}

/** Its deployments and task sets: a new one is a deployment started. */
export function deploymentsVersionOf(service: ServiceState): string {
  return digest([
    service.deployments.map(d => [d.id, d.status]),
    service.taskSets.map(t => [t.id, t.status]),
  ]);
}

/**
 * Its deployments, task sets and counts, and its newest event: ECS records
 * an event for the tasks it starts or stops, a replaced task included.
 */
export function tasksVersionOf(service: ServiceState): string {
  return digest([
    deploymentsVersionOf(service),
    [service.runningCount, service.pendingCount, service.desiredCount],
    service.taskSets.map(t => [t.runningCount, t.pendingCount]),
    service.deployments.map(d => [d.runningCount, d.pendingCount]),
    service.latestEventId ?? '',
  ]);
}

import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { EnvironmentSnapshot } from './snapshot';

/** The kinds of event an entity's owners can be told of. */
export type OwnerEventKind =
  | 'waiting'
  | 'failed'
  | 'rolledBack'
  | 'promotionFinished';

/** One event the watcher saw, keyed so it is told once. */
export interface OwnerEvent {
  kind: OwnerEventKind;
  /** Unique per event: the same key is never notified twice. */
  key: string;
  environment: string;
  deploymentId?: string;
  severity: NotificationSeverity;
}

const FAILED = new Set(['FAILED', 'STOPPED']);

/**
 * What changed in one environment that a person should hear of. A waiting
 * deployment counts from the first look (the point is to tell someone); a
 * failure or a finish only when it was seen happening, so that watching an
 * entity for the first time does not announce its past.
 */
export function ownerEvents(
  entityRef: string,
  environment: string,
  before: EnvironmentSnapshot | undefined,
  after: EnvironmentSnapshot,
): OwnerEvent[] {
  const events: OwnerEvent[] = [];
  const id = after.deploymentId;
  const key = (kind: OwnerEventKind, ...parts: Array<string | undefined>) =>
    [kind, entityRef, environment, ...parts.map(p => p ?? '')].join(':');
  const event = (
    kind: OwnerEventKind,
    severity: NotificationSeverity,
    ...parts: Array<string | undefined>
  ) =>
    events.push({
      kind,
      key: key(kind, ...parts),
      environment,
      ...(id ? { deploymentId: id } : {}),
      severity,
    });

  const waitingChanged =
    !before?.waiting ||
    before.deploymentId !== id ||
    before.waitingExecutionId !== after.waitingExecutionId;
  if (after.waiting && waitingChanged) {
    event('waiting', 'high', id, after.waitingExecutionId);
  }

  const seenChanging =
    before !== undefined &&
    (before.deploymentId !== id || before.status !== after.status);
  if (!seenChanging || !id) return events;
  if (after.status && FAILED.has(after.status)) event('failed', 'critical', id);
  // CodeDeploy rolls back with a deployment of its own; ECS marks the one.
  const rolledBack = after.rollbackOf ?? id;
  if (after.status === 'ROLLED_BACK' || after.rollbackOf) {
    event('rolledBack', 'high', rolledBack);
  } else if (after.status === 'SUCCEEDED' && before?.moving) {
    event('promotionFinished', 'normal', id);
  }
  return events;
}

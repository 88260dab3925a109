import { TrafficResponse } from '@ecs-deploy/plugin-ecs-deploy-common';

/** `<environment>/<port>` → when its split last changed (ISO). */
export type SplitChanges = Record<string, string>;

export function listenerKey(environment: string, port: number): string {
  return `${environment}/${port}`;
}

function signatures(response: TrafficResponse): Map<string, string> {
  const map = new Map<string, string>();
  for (const env of response.environments) {
    for (const listener of env.listeners) {
      map.set(
        listenerKey(env.environment, listener.port),
        listener.targetGroups.map(t => `${t.name}=${t.percent}`).join(','),
      );
    }
  }
  return map;
}

/**
 * Carries forward when each listener's split last changed: a listener whose
 * weights differ from the previous snapshot changed at the new snapshot's
 * observation time. The first snapshot has nothing to compare with.
 */
export function updateSplitChanges(
  previous: TrafficResponse | undefined,
  next: TrafficResponse,
  changes: SplitChanges,
): SplitChanges {
  if (!previous) {
    return changes;
  }
  const before = signatures(previous);
  const after = signatures(next);
  const updated = { ...changes };
  for (const env of next.environments) {
    for (const listener of env.listeners) {
      const key = listenerKey(env.environment, listener.port);
      if (before.has(key) && before.get(key) !== after.get(key)) {
        updated[key] = env.observedAt;
      }
    }
  }
  return updated;
}

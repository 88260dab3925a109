import {
  EnvironmentTraffic,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { SplitChanges, updateSplitChanges } from './splitChanges';

/**
 * What the Traffic tab shows, put together from reads of all environments
 * and reads of one (after a signal about it).
 */
export type TrafficSnapshot = {
  response?: TrafficResponse;
  /** Local time each environment's entry arrived, for its countdowns. */
  receivedAt: Record<string, number>;
  changes: SplitChanges;
  /** Per environment, the number of the read its entry came from. */
  readNumbers: Record<string, number>;
};

export const emptyTrafficSnapshot: TrafficSnapshot = {
  receivedAt: {},
  changes: {},
  readNumbers: {},
};

/** One answer of `getTraffic`, with when and for what it was asked. */
export type TrafficRead = {
  response: TrafficResponse;
  /** Counts up with each read asked for; a later read wins. */
  number: number;
  /** Set when the read asked for one environment only. */
  environment?: string;
  receivedAt: number;
};

/**
 * The snapshot after a read: its environments replace theirs, unless a read
 * asked for later already answered for them (answers can come out of
 * order). A read of all environments also sets which there are, in order;
 * a read of one leaves the others as they were.
 */
export function applyTrafficRead(
  snapshot: TrafficSnapshot,
  read: TrafficRead,
): TrafficSnapshot {
  const newer = read.response.environments.filter(
    env => (snapshot.readNumbers[env.environment] ?? 0) < read.number,
  );
  const current = new Map(
    (snapshot.response?.environments ?? []).map(env => [env.environment, env]),
  );
  const updates = new Map(newer.map(env => [env.environment, env]));

  let environments: EnvironmentTraffic[];
  if (read.environment === undefined) {
    environments = read.response.environments.map(
      env =>
        updates.get(env.environment) ?? current.get(env.environment) ?? env,
    );
  } else {
    environments = (snapshot.response?.environments ?? []).map(
      env => updates.get(env.environment) ?? env,
    );
    environments.push(...newer.filter(env => !current.has(env.environment)));
  }

  const receivedAt = { ...snapshot.receivedAt };
  const readNumbers = { ...snapshot.readNumbers };
  for (const env of newer) {
    receivedAt[env.environment] = read.receivedAt;
    readNumbers[env.environment] = read.number;
  }
  return {
    response: { environments },
    receivedAt,
    readNumbers,
    changes: updateSplitChanges(
      snapshot.response,
      { environments: newer },
      snapshot.changes,
    ),
  };
}

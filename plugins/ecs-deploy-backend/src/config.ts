import { Config } from '@backstage/config';
import {
  readTagKeys,
  EcsDeployTagKeys,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { NotificationSettings } from './watch/OwnerNotifier';
import { WatchPace } from './watch/pace';
import {
  DiscoveryLocation,
  readDiscoveryLocations,
} from './environments/discoveryLocations';

/** Cache lifetimes, in milliseconds. */
export interface CacheTtls {
  active: number;
  finished: number;
  list: number;
  resolution: number;
  /** What shows an environment at rest (see CacheClass `idle`); without it, `list`. */
  idle?: number;
  /** What changes only with the service state at rest (CacheClass `settled`); without it, `idle`. */
  settled?: number;
}

export type { DiscoveryLocation } from './environments/discoveryLocations';

/** How mutating actions are kept exclusive, in milliseconds. */
export interface ActionSettings {
  /** How long an action holds its (entity, environment) lease at most. */
  leaseMs: number;
  /** How long starting a release waits for its task set to be steady. */
  releaseSteadyMs: number;
}

export interface WatchSettings {
  enabled: boolean;
  pace: WatchPace;
  scanMs: number;
}

export interface BackendSettings {
  ttl: CacheTtls;
  /** How long a read's entity lookup and permission decision are reused (0: never). */
  accessMemoMs: number;
  memoryBytes: number;
  memoryEntries?: number;
  staleIfErrorMs: number;
  discovery: DiscoveryLocation[];
  tagKeys: EcsDeployTagKeys;
  actions: ActionSettings;
  watch: WatchSettings;
  notifications: NotificationSettings;
  /** Fill the account-level indexes (CodeDeploy group lookups) at start. */
  warmOnStart: boolean;
  /** Entities whose tabs are read at start (with `warmOnStart`); 0: none. */
  warmEntitiesOnStart: number;
}

function memoryMegabytes(config: Config): number {
  const key = 'ecsDeploy.cache.memoryMegabytes';
  const value = config.getOptionalNumber(key) ?? 64;
  if (!(value > 0)) {
    throw new Error(`${key} must be a positive number, not ${value}`);
  }
  return value;
}

function leaseSeconds(config: Config): number {
  const key = 'ecsDeploy.actions.leaseSeconds';
  const value = config.getOptionalNumber(key) ?? 120;
  // A lease that has always expired would let every action through.
  if (!(value > 0)) {
    throw new Error(
      `${key} must be a positive number of seconds, not ${value}`,
    );
  }
  return value;
}

function actionSettings(config: Config): ActionSettings {
  const lease = leaseSeconds(config);
  return {
    leaseMs: lease * 1000,
    releaseSteadyMs: releaseSteadySeconds(config, lease) * 1000,
  };
}

function releaseSteadySeconds(config: Config, lease: number): number {
  const key = 'ecsDeploy.actions.releaseSteadySeconds';
  const value = config.getOptionalNumber(key) ?? Math.min(90, lease * 0.75);
  // The wait runs under the action's lease: past it, another action could start.
  if (!(value > 0 && value < lease)) {
    throw new Error(
      `${key} must be a positive number of seconds below ecsDeploy.actions.leaseSeconds (${lease}), not ${value}`,
    );
  }
  return value;
}

function positiveSeconds(config: Config, key: string, fallback: number) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(`${key} must be a positive number, not ${value}`);
  }
  return value * 1000;
}

function watchSettings(config: Config): WatchSettings {
  const key = (name: string) => `ecsDeploy.watch.${name}`;
  return {
    enabled: config.getOptionalBoolean(key('enabled')) ?? true,
    pace: {
      movingMs: positiveSeconds(config, key('movingSeconds'), 2),
      bakingMs: positiveSeconds(config, key('bakingSeconds'), 60),
      waitingMs: positiveSeconds(config, key('waitingSeconds'), 30),
    },
    scanMs: positiveSeconds(config, key('scanMinutes'), 10) * 60,
  };
}

function notificationSettings(config: Config): NotificationSettings {
  const event = (name: string) =>
    config.getOptionalBoolean(`ecsDeploy.notifications.events.${name}`) ?? true;
  return {
    enabled:
      config.getOptionalBoolean('ecsDeploy.notifications.enabled') ?? true,
    events: {
      waiting: event('waiting'),
      failed: event('failed'),
      rolledBack: event('rolledBack'),
      promotionFinished: event('promotionFinished'),
    },
    deploymentsPath:
      config.getOptionalString('ecsDeploy.notifications.deploymentsPath') ??
      '/deployments',
  };
}

/** Reads the backend's part of `ecsDeploy` (the AWS part is read by -node). */
export function readBackendSettings(config: Config): BackendSettings {
  const seconds = (key: string, fallback: number) =>
    (config.getOptionalNumber(`ecsDeploy.cache.${key}`) ?? fallback) * 1000;
  const defaultRegion =
    config.getOptionalString('ecsDeploy.aws.defaultRegion') ?? 'us-east-1';
  const discovery = readDiscoveryLocations(config, defaultRegion);
  const list = seconds('listTtlSeconds', 15);
  const idle = seconds(
    'idleTtlSeconds',
    config.has('ecsDeploy.cache.listTtlSeconds') ? list / 1000 : 60,
  );
  const lifetimesChosen =
    config.has('ecsDeploy.cache.listTtlSeconds') ||
    config.has('ecsDeploy.cache.idleTtlSeconds');
  return {
    ttl: {
      active: seconds('activeTtlSeconds', 5),
      finished: seconds('finishedTtlSeconds', 3600),
      list,
      resolution: seconds('resolutionTtlSeconds', 600),
      // At rest, state lives longer than lists; a setup that chose how long
      // lists live (tests turning caching off) gets that unless it says.
      idle,
      settled: seconds(
        'settledTtlSeconds',
        lifetimesChosen ? idle / 1000 : 300,
      ),
    },
    accessMemoMs: seconds('accessMemoSeconds', 5),
    memoryBytes: memoryMegabytes(config) * 1024 * 1024,
    memoryEntries: config.getOptionalNumber('ecsDeploy.cache.memoryEntries'),
    staleIfErrorMs: seconds('staleIfErrorSeconds', 300),
    discovery,
    tagKeys: readTagKeys(config),
    actions: actionSettings(config),
    watch: watchSettings(config),
    notifications: notificationSettings(config),
    warmOnStart: config.getOptionalBoolean('ecsDeploy.warmOnStart') ?? true,
    warmEntitiesOnStart:
      config.getOptionalNumber('ecsDeploy.warmEntitiesOnStart') ?? 50,
  };
}

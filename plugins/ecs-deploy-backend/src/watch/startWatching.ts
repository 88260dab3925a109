import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { Knex } from 'knex';
import { ClassedCache } from '../cache/ClassedCache';
import { BackendSettings } from '../config';
import { ActionLedger } from '../ledger/ActionLedger';
import { EcsDeployReadService } from '../reads/EcsDeployReadService';
import { DeploymentWatcher } from './DeploymentWatcher';
import { NotifiedEvents } from './NotifiedEvents';
import { OwnerNotifier } from './OwnerNotifier';
import { AwsClock } from './pace';
import { scheduleWatcher } from './scheduleWatcher';
import { WatchScan } from './WatchScan';
import { WatchStore } from './WatchStore';

/** Builds the watcher over the plugin's reads and schedules its rounds and scans. */
export async function startWatching(deps: {
  settings: BackendSettings;
  db: Knex;
  store: WatchStore;
  scheduler: SchedulerService;
  auth: AuthService;
  catalog: CatalogService;
  logger: LoggerService;
  cache: ClassedCache;
  reads: EcsDeployReadService;
  ledger: ActionLedger;
  signals: SignalsService;
  notifications: NotificationService;
  awsClock: AwsClock;
}): Promise<DeploymentWatcher> {
  const { settings, auth, catalog, logger, reads } = deps;
  const notified = new NotifiedEvents(deps.db);
  const watcher = new DeploymentWatcher({
    auth,
    catalog,
    logger,
    reads,
    cache: deps.cache,
    store: deps.store,
    signals: deps.signals,
    notifier: new OwnerNotifier({
      notifications: deps.notifications,
      notified,
      ledger: deps.ledger,
      logger,
      settings: settings.notifications,
    }),
    pace: settings.watch.pace,
    awsClock: deps.awsClock,
  });
  await scheduleWatcher(
    deps.scheduler,
    {
      watcher,
      scan: new WatchScan({ auth, catalog, reads, logger, cache: deps.cache }),
      notified,
    },
    {
      // Rounds no slower than the fastest pace, so no moving deployment waits.
      roundMs: Math.min(settings.watch.pace.movingMs, 5000),
      scanMs: settings.watch.scanMs,
    },
  );
  return watcher;
}

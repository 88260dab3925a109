import { SchedulerService } from '@backstage/backend-plugin-api';
import { DeploymentWatcher } from './DeploymentWatcher';
import { NotifiedEvents } from './NotifiedEvents';
import { WatchScan } from './WatchScan';

/**
 * The watcher's rounds, on one replica at a time (`coreServices.scheduler`,
 * global scope): a round every `roundMs` looks at the entities that are
 * due, and a scan every `scanMs` finds deployments nobody has opened yet.
 */
export async function scheduleWatcher(
  scheduler: SchedulerService,
  parts: {
    watcher: DeploymentWatcher;
    scan: WatchScan;
    notified: NotifiedEvents;
  },
  timing: { roundMs: number; scanMs: number },
): Promise<void> {
  await scheduler.scheduleTask({
    id: 'ecs-deploy-deployment-watcher',
    scope: 'global',
    frequency: { milliseconds: timing.roundMs },
    timeout: { minutes: 2 },
    fn: () => parts.watcher.round(),
  });
  await scheduler.scheduleTask({
    id: 'ecs-deploy-deployment-scan',
    scope: 'global',
    frequency: { milliseconds: timing.scanMs },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
    fn: async () => {
      await parts.scan.run();
      await parts.notified.prune();
    },
  });
}

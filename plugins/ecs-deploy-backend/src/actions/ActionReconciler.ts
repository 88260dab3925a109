import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ActionLedger } from '../ledger/ActionLedger';
import { EcsDeployActionService } from './EcsDeployActionService';

/** Entries settled per run; the rest wait for the next one, oldest first. */
const BATCH = 50;

/**
 * Settles the actions whose outcome AWS left unknown, and those left pending
 * by a process that died between the AWS call and the ledger write, without
 * waiting for their client to retry: each is read from AWS and recorded as
 * succeeded, or failed with its key released.
 */
export class ActionReconciler {
  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      logger: LoggerService;
      ledger: ActionLedger;
      actions: EcsDeployActionService;
    },
  ) {}

  async run(): Promise<void> {
    const { auth, catalog, logger, ledger, actions } = this.deps;
    const entries = await ledger.unsettled(BATCH);
    if (!entries.length) return;
    // No user is behind a scheduled run: the plugin reads the catalog as itself.
    const credentials = await auth.getOwnServiceCredentials();
    for (const entry of entries) {
      try {
        const entity = await catalog.getEntityByRef(entry.entityRef, {
          credentials,
        });
        if (!entity) {
          logger.warn(
            `Cannot settle ${entry.action} ${entry.id}: ${entry.entityRef} is not in the catalog`,
          );
          continue;
        }
        await actions.reconcile(entity, entry);
      } catch (error) {
        logger.warn(
          `Could not settle ${entry.action} ${entry.id} of ${entry.entityRef} (${entry.environment}) yet`,
          error as Error,
        );
      }
    }
  }
}

/**
 * Runs the reconciler every 30 seconds on one replica at a time
 * (`coreServices.scheduler`, global scope).
 */
export async function scheduleActionReconciler(
  scheduler: SchedulerService,
  reconciler: ActionReconciler,
): Promise<void> {
  await scheduler.scheduleTask({
    id: 'ecs-deploy-action-reconciler',
    scope: 'global',
    frequency: { seconds: 30 },
    timeout: { minutes: 5 },
    fn: () => reconciler.run(),
  });
}

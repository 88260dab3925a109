import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  EcsDeploySignal,
  EnvironmentTraffic,
  ecsDeploySignalChannel,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ClassedCache } from '../cache/ClassedCache';
import { EcsDeployReadService } from '../reads/EcsDeployReadService';
import { OwnerNotifier } from './OwnerNotifier';
import { ownerEvents } from './ownerEvents';
import { AwsClock, nextLookIn, WatchPace } from './pace';
import {
  EntitySnapshot,
  EnvironmentSnapshot,
  changedEnvironments,
  snapshotOf,
} from './snapshot';
import { WatchStore } from './WatchStore';

/** Entities looked at per round; the others are due first in the next one. */
const ROUND_SIZE = 100;

export interface DeploymentWatcherDeps {
  auth: AuthService;
  catalog: CatalogService;
  logger: LoggerService;
  reads: EcsDeployReadService;
  cache: ClassedCache;
  store: WatchStore;
  signals: SignalsService;
  notifier: OwnerNotifier;
  pace: WatchPace;
  /** AWS's clock, to wait for a traffic step AWS said is due. */
  awsClock?: AwsClock;
  now?: () => number;
}

/**
 * Follows every entity with a deployment moving or waiting, however many
 * people look at it and whichever replica they ask: each round reads the
 * entities that are due through the shared cache as their pace says
 * (`ReadCache.within`: what is about to expire is read again and outlives
 * the next round), so viewers' reads are cache hits. What changed goes to
 * the entity's signals channel, and what needs a person to its owners.
 */
export class DeploymentWatcher {
  private readonly now: () => number;
  /** When each entity was last read whole (see {@link DeploymentWatcher.read}). */
  private readonly wholeReads = new Map<string, number>();

  constructor(private readonly deps: DeploymentWatcherDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** One round: every due entity is read once. */
  async round(): Promise<void> {
    const due = await this.deps.store.due(ROUND_SIZE, this.now());
    if (!due.length) return;
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    await Promise.all(
      due.map(async watch => {
        try {
          const entity = await this.deps.catalog.getEntityByRef(
            watch.entityRef,
            { credentials },
          );
          if (!entity) {
            await this.unwatch(watch.entityRef);
            return;
          }
          await this.look(entity, watch.snapshot, watch.watchedSince);
        } catch (error) {
          // Looked at again at the slowest pace rather than dropped.
          this.deps.logger.warn(
            `The deployment watcher could not read ${watch.entityRef}`,
            error as Error,
          );
          await this.deps.store.record(
            watch.entityRef,
            watch.snapshot ?? {},
            this.now() + this.deps.pace.waitingMs,
          );
        }
      }),
    );
  }

  private async look(
    entity: Entity,
    before: EntitySnapshot | undefined,
    watchedSince: number,
  ): Promise<void> {
    const entityRef = stringifyEntityRef(entity);
    const after = await this.read(entity, before);
    for (const name of Object.keys(after)) {
      if (after[name].unreadable && before?.[name]) after[name] = before[name];
    }
    for (const environment of changedEnvironments(before, after)) {
      await this.publish(entityRef, environment, after[environment]);
      for (const event of ownerEvents(
        entityRef,
        environment,
        before?.[environment],
        after[environment],
      )) {
        await this.deps.notifier.notify(entity, event);
      }
    }
    const next =
      nextLookIn(Object.values(after), this.deps.pace, this.deps.awsClock) ??
      this.settlingLookIn(watchedSince);
    if (next === undefined) await this.unwatch(entityRef);
    else await this.deps.store.record(entityRef, after, this.now() + next);
  }

  private async unwatch(entityRef: string): Promise<void> {
    this.wholeReads.delete(entityRef);
    await this.deps.store.unwatch(entityRef);
  }

  /**
   * Nothing moves: a watch younger than the waiting pace (the portal just
   * acted) still looks a few times before it ends, because what an action
   * starts may show a moment later (the pipeline a promotion's ECR retag
   * starts); each look reads again what was cached as at rest.
   */
  private settlingLookIn(watchedSince: number): number | undefined {
    const { waitingMs, movingMs } = this.deps.pace;
    const left = watchedSince + waitingMs - this.now();
    if (left <= 0) return undefined;
    return Math.min(left, Math.max(movingMs, waitingMs / 3));
  }

  /**
   * The entity's environments as a viewer would see them, read so that the
   * values viewers share stay fresh until the next look.
   *
   * What a look reads outlives the next look, even one running late, so
   * what viewers see of a moving deployment ages by the pace. A look while
   * traffic shifts reads again what would expire before the next one: what
   * moves, which is short-lived. What is at rest (the other environments,
   * finished deployments, lists) is read whole once per waiting pace, and at
   * every slower look: a deployment may have started there since, outside
   * the portal. Reading it all every 2 s cost most of the watcher's calls.
   */
  private async read(
    entity: Entity,
    before?: EntitySnapshot,
  ): Promise<EntitySnapshot> {
    const { cache, pace } = this.deps;
    const entityRef = stringifyEntityRef(entity);
    const next = nextLookIn(
      Object.values(before ?? {}),
      pace,
      this.deps.awsClock,
      { stepDueTaken: true },
    );
    const lifetime = Math.max(
      (next ?? pace.movingMs) * 1.5 + 1000,
      cache.lifetimeOf('active'),
    );
    const lastWhole = this.wholeReads.get(entityRef);
    const whole =
      next === undefined ||
      next >= pace.waitingMs ||
      lastWhole === undefined ||
      this.now() - lastWhole >= pace.waitingMs;
    if (whole) this.wholeReads.set(entityRef, this.now());
    const scope = {
      refreshAheadMs: whole
        ? Math.max(lifetime, cache.lifetimeOf('list'), cache.lifetimeOf('idle'))
        : lifetime,
      minTtlMs: lifetime,
    };
    return this.deps.cache.within(scope, async () => {
      const { environments } = await this.deps.reads.overviews(entity);
      const moving = environments.filter(e => e.deploymentInProgress);
      const traffic = new Map<string, EnvironmentTraffic>();
      // The running tasks of what moves, and of what stopped moving since
      // the last look (its last tasks), so that a viewer reading them after
      // the signal finds what the watcher saw. They are not part of the
      // snapshot: one that cannot be read changes nothing here.
      const tasksOf = environments.filter(
        e => e.deploymentInProgress || before?.[e.name]?.moving,
      );
      await Promise.all([
        ...moving.map(async env => {
          const read = await this.deps.reads.traffic(entity, env.name);
          for (const t of read.environments) traffic.set(t.environment, t);
        }),
        ...tasksOf.map(env =>
          this.deps.reads.runningTasks(entity, env.name).catch(() => undefined),
        ),
      ]);
      const snapshot: EntitySnapshot = {};
      for (const env of environments) {
        snapshot[env.name] = snapshotOf(env, traffic.get(env.name));
      }
      return snapshot;
    });
  }

  private async publish(
    entityRef: string,
    environment: string,
    snapshot: EnvironmentSnapshot,
  ): Promise<void> {
    const message: EcsDeploySignal = {
      entityRef,
      environment,
      ...(snapshot.deploymentId ? { deploymentId: snapshot.deploymentId } : {}),
      ...(snapshot.status ? { status: snapshot.status } : {}),
      waiting: snapshot.waiting,
      seenAt: new Date(this.now()).toISOString(),
    };
    await this.deps.signals.publish({
      recipients: { type: 'broadcast' },
      channel: ecsDeploySignalChannel(entityRef),
      message: message as unknown as Record<string, string | boolean>,
    });
  }
}

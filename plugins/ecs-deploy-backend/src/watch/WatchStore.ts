import { Knex } from 'knex';
import { EntitySnapshot } from './snapshot';

const TABLE = 'ecs_deploy_watches';

interface Row {
  entity_ref: string;
  snapshot: string | null;
  watched_since: Date | string | number;
  next_check_at: Date | string | number;
}

/** One entity the watcher follows. */
export interface Watch {
  entityRef: string;
  snapshot?: EntitySnapshot;
  nextCheckAt: number;
  /** When the watch started, or the portal last acted on the entity. */
  watchedSince: number;
}

const millis = (value: Date | string | number) =>
  (value instanceof Date ? value : new Date(value)).getTime();

/**
 * The entities the watcher follows, in the plugin's database, so every
 * replica adds to one list and the one running the watcher reads it.
 */
export class WatchStore {
  constructor(private readonly db: Knex) {}

  /**
   * Follows the entity from now on; one already followed keeps its pace
   * (many viewers must not make the watcher read faster).
   */
  async watch(entityRef: string, now = Date.now()): Promise<void> {
    try {
      await this.db<Row>(TABLE).insert({
        entity_ref: entityRef,
        snapshot: null,
        watched_since: new Date(now),
        next_check_at: new Date(now),
      });
    } catch (error) {
      if (!(await this.isWatched(entityRef))) throw error;
    }
  }

  /**
   * Looks at the entity at the next round: the portal just acted on it, and
   * the watch starts over (it lasts a while even if nothing moves yet).
   */
  async soon(entityRef: string, now = Date.now()): Promise<void> {
    await this.watch(entityRef, now);
    await this.db<Row>(TABLE)
      .where({ entity_ref: entityRef })
      .update({ next_check_at: new Date(now), watched_since: new Date(now) });
  }

  /** The entities due for a look, the longest waiting first. */
  async due(limit: number, now = Date.now()): Promise<Watch[]> {
    const rows = await this.db<Row>(TABLE)
      .where('next_check_at', '<=', new Date(now))
      .orderBy('next_check_at', 'asc')
      .limit(limit);
    return rows.map(row => ({
      entityRef: row.entity_ref,
      ...(row.snapshot ? { snapshot: JSON.parse(row.snapshot) } : {}),
      nextCheckAt: millis(row.next_check_at),
      watchedSince: millis(row.watched_since),
    }));
  }

  async record(
    entityRef: string,
    snapshot: EntitySnapshot,
    nextCheckAt: number,
  ): Promise<void> {
    await this.db<Row>(TABLE)
      .where({ entity_ref: entityRef })
      .update({
        snapshot: JSON.stringify(snapshot),
        next_check_at: new Date(nextCheckAt),
      });
  }

  async unwatch(entityRef: string): Promise<void> {
    await this.db<Row>(TABLE).where({ entity_ref: entityRef }).delete();
  }

  private async isWatched(entityRef: string): Promise<boolean> {
    return Boolean(
      await this.db<Row>(TABLE).where({ entity_ref: entityRef }).first(),
    );
  }

  async watched(): Promise<string[]> {
    const rows = await this.db<Row>(TABLE).select('entity_ref');
    return rows.map(row => row.entity_ref);
  }
}

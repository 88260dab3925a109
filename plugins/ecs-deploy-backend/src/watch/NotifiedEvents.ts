import { Knex } from 'knex';

const TABLE = 'ecs_deploy_notified';

/** How long an event's claim is kept: longer than any deployment waits. */
const KEEP_MS = 30 * 24 * 3600_000;

/**
 * Which deployment events the owners were told of. An event is claimed by
 * inserting its key; the primary key lets one insert win across replicas and
 * restarts, so a notification goes out once.
 */
export class NotifiedEvents {
  constructor(private readonly db: Knex) {}

  /** True for the one caller that should send the notification of `eventKey`. */
  async claim(
    eventKey: string,
    entityRef: string,
    kind: string,
    now = Date.now(),
  ): Promise<boolean> {
    try {
      await this.db(TABLE).insert({
        event_key: eventKey,
        entity_ref: entityRef,
        kind,
        notified_at: new Date(now),
      });
      return true;
    } catch (error) {
      // Someone claimed it first; any other failure is the database's.
      const held = await this.db(TABLE).where({ event_key: eventKey }).first();
      if (!held) throw error;
      return false;
    }
  }

  /** Gives a claim back when sending failed, so a later look sends it. */
  async release(eventKey: string): Promise<void> {
    await this.db(TABLE).where({ event_key: eventKey }).delete();
  }

  async prune(now = Date.now()): Promise<void> {
    await this.db(TABLE)
      .where('notified_at', '<', new Date(now - KEEP_MS))
      .delete();
  }
}

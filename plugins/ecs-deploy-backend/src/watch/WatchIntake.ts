import { LoggerService } from '@backstage/backend-plugin-api';
import { WatchStore } from './WatchStore';

/** How often one replica tells the database of an entity viewers see moving. */
const NOTICE_MS = 10_000;

/**
 * How entities come to be watched, on every replica: an overview someone
 * read shows a deployment moving or waiting, or the portal acted on the
 * entity. The watcher's round, on one replica, then follows them.
 */
export class WatchIntake {
  private readonly recentlyNoticed = new Map<string, number>();

  constructor(
    private readonly store: WatchStore,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Someone's read showed a deployment moving or waiting. Many viewers ask
   * often: the database hears of each entity at most once per `NOTICE_MS`
   * from this replica, and never on the request's path.
   */
  noticed(ref: string): void {
    const now = this.now();
    const last = this.recentlyNoticed.get(ref);
    if (last !== undefined && now - last < NOTICE_MS) return;
    if (this.recentlyNoticed.size > 10_000) this.recentlyNoticed.clear();
    this.recentlyNoticed.set(ref, now);
    this.store
      .watch(ref, now)
      .catch(error => this.logger.warn(`Could not watch ${ref}`, error));
  }

  /** The portal acted on the entity: the watcher looks at it in its next round. */
  async acted(entityRef: string): Promise<void> {
    try {
      await this.store.soon(entityRef, this.now());
    } catch (error) {
      this.logger.warn(`Could not watch ${entityRef}`, error as Error);
    }
  }
}

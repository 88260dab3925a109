import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { hasEcsDeployAnnotations } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ClassedCache } from '../cache/ClassedCache';
import { EcsDeployReadService } from '../reads/EcsDeployReadService';

/** Entities per catalog page, and pages per scan: a scan stays bounded. */
const PAGE = 200;
const MAX_PAGES = 50;
/** Overviews read at once: the scan must not crowd out viewers' AWS calls. */
const CONCURRENCY = 4;
/** What was read this recently is as fresh as a scan would read it. */
const RECENT_MS = 15_000;

/**
 * Finds deployments nobody has opened in the portal yet (a pipeline started
 * by a push, a deployment started from the console): reads the overview of
 * every entity with ECS Deploy annotations through the shared cache, and the
 * watcher follows those that move or wait (the reads tell it). What was
 * cached as at rest (class `idle`) more than a few seconds ago is read again
 * from AWS, so a deployment started in an idle environment outside the portal
 * is found by the next scan at the latest, and viewers see it from then on.
 */
export class WatchScan {
  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      reads: EcsDeployReadService;
      logger: LoggerService;
      cache: ClassedCache;
    },
  ) {}

  async run(): Promise<void> {
    const { cache } = this.deps;
    // Every value at rest is read again, but what was read in the last few
    // seconds: the first scan comes right after a restart, behind the
    // viewers who arrive with it and the warm-up, whose values may expire
    // sooner than their class says (their expiry is spread).
    const refreshAheadMs = Math.max(
      cache.lifetimeOf('idle'),
      cache.lifetimeOf('list'),
    );
    await cache.within({ refreshAheadMs, recentMs: RECENT_MS }, () =>
      this.scan(),
    );
  }

  private async scan(): Promise<void> {
    const { auth, catalog, reads, logger } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE }
          : { filter: { kind: 'Component' }, limit: PAGE },
        { credentials },
      );
      const entities = response.items.filter(hasEcsDeployAnnotations);
      for (let i = 0; i < entities.length; i += CONCURRENCY) {
        await Promise.all(
          entities
            .slice(i, i + CONCURRENCY)
            .map(entity =>
              reads
                .overviews(entity)
                .catch(error =>
                  logger.debug(
                    `The deployment scan could not read ${entity.metadata.name}`,
                    error as Error,
                  ),
                ),
            ),
        );
      }
      cursor = response.pageInfo.nextCursor;
      if (!cursor) return;
    }
    logger.warn(
      `The deployment scan stopped after ${
        MAX_PAGES * PAGE
      } entities; the rest are watched once someone opens them`,
    );
  }
}

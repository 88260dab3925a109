import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  hasEcsDeployAnnotations,
  parseEcsDeployAnnotations,
  parseEcsServiceArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { Where } from '../aws/withCache';
import { ReadContext } from '../reads/ReadContext';
import { warmDeploymentGroupIndex } from './deploymentGroupIndex';
import { DiscoveryLocation } from './discoveryLocations';

/** Entities per catalog page, and pages read at most: the warm-up stays bounded. */
const PAGE = 500;
const MAX_PAGES = 20;
/** Accounts scanned at once (each scan reads 20 applications at a time). */
const CONCURRENCY = 2;
/** Entities whose tabs are read at once. */
const ENTITY_CONCURRENCY = 4;
/**
 * What the warm-up reads expires over the last part of its lifetimes, from
 * half to all of them by entity, not all at once a minute after start: the
 * whole fleet's values read again in one burst is what AWS throttles.
 */
const LIFETIME_SPREAD = 0.5;

/**
 * The accounts and regions whose CodeDeploy group index a first view would
 * wait for: those of services whose environment does not annotate its
 * deployment group, and the discovery locations when an entity finds its
 * resources by tags (what it finds is known only after a lookup).
 */
export function locationsToWarm(
  entities: Entity[],
  options: { defaultRegion: string; discovery: DiscoveryLocation[] },
): Where[] {
  const found = new Map<string, Where>();
  const add = (where: Where) =>
    found.set(`${where.accountId}/${where.region}`, where);
  let byTags = false;
  for (const entity of entities) {
    const parsed = parseEcsDeployAnnotations(entity);
    byTags ||= parsed.discoverByTags || parsed.tagLookups.length > 0;
    for (const env of parsed.environments) {
      if (env.codeDeploy || !env.serviceArn) continue;
      const service = parseEcsServiceArn(env.serviceArn);
      if (!service) continue;
      add({
        accountId: service.accountId,
        region: service.region || options.defaultRegion,
      });
    }
  }
  if (byTags) options.discovery.forEach(add);
  return [...found.values()];
}

/** The catalog's components, a page at a time, with only what says where they live. */
async function catalogEntities(
  catalog: CatalogService,
  auth: AuthService,
): Promise<Entity[]> {
  const credentials = await auth.getOwnServiceCredentials();
  const entities: Entity[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE }
        : {
            filter: { kind: 'Component' },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'metadata.annotations',
            ],
            limit: PAGE,
          },
      { credentials },
    );
    entities.push(...response.items);
    cursor = response.pageInfo.nextCursor;
    if (!cursor) break;
  }
  return entities;
}

async function eachBounded<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/**
 * Fills, at the plugin's start, the account-level indexes a first view
 * would otherwise wait for (the CodeDeploy deployment group index of every
 * account and region the catalog's ECS entities live in). It runs as a
 * startup hook: requests are served meanwhile (a view arriving during the
 * scan joins it rather than starting its own), and the backend reports
 * ready once it ends or after `maxWaitMs`, when it goes on in the
 * background. A failure costs nothing but the warm-up: views scan on demand.
 *
 * Then, with `warmEntity`, the tabs of up to `entityLimit` entities with ECS
 * Deploy annotations, in catalog order, until `maxWaitMs` has passed (none
 * is started after it): behind a readiness probe, the viewers a restart
 * brings back find what their tabs read cached, instead of every entity's
 * first load falling in the first seconds. What they cost is what those
 * first loads would have; with a shared cache that outlived the restart
 * (Redis), little.
 */
export async function warmOnStart(deps: {
  ctx: ReadContext;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  defaultRegion: string;
  discovery: DiscoveryLocation[];
  maxWaitMs: number;
  warmEntity?: (entity: Entity) => Promise<void>;
  entityLimit?: number;
}): Promise<void> {
  const { ctx, logger } = deps;
  const started = Date.now();
  const warming = (async () => {
    const entities = await catalogEntities(deps.catalog, deps.auth);
    const locations = locationsToWarm(entities, deps);
    let failed = 0;
    await eachBounded(locations, CONCURRENCY, async location => {
      try {
        await warmDeploymentGroupIndex(ctx, location);
      } catch (error) {
        failed += 1;
        logger.warn(
          `Could not read the CodeDeploy deployment groups of account ${location.accountId} (${location.region}) at start; the first view there reads them`,
          error as Error,
        );
      }
    });
    logger.info(
      `Read the CodeDeploy deployment groups of ${
        locations.length - failed
      } account(s) and region(s) at start in ${Date.now() - started} ms`,
    );
    if (deps.warmEntity && deps.entityLimit) {
      await warmEntities(entities, deps.warmEntity, deps, started);
    }
  })().catch(error =>
    logger.warn(
      'Could not list the catalog entities to read their accounts at start; first views read them',
      error as Error,
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    warming,
    new Promise<void>(resolve => {
      timer = setTimeout(() => {
        logger.info(
          `Still reading CodeDeploy deployment groups after ${deps.maxWaitMs} ms; going on in the background`,
        );
        resolve();
      }, deps.maxWaitMs);
      timer.unref?.();
    }),
  ]);
  clearTimeout(timer);
}

/** Reads the tabs of the annotated entities, as `warmOnStart` says. */
async function warmEntities(
  entities: Entity[],
  warm: (entity: Entity) => Promise<void>,
  deps: Parameters<typeof warmOnStart>[0],
  started: number,
): Promise<void> {
  const annotated = entities
    .filter(hasEcsDeployAnnotations)
    .slice(0, deps.entityLimit);
  let warmed = 0;
  const shareOf = new Map(
    annotated.map((entity, i) => [
      entity,
      1 - (LIFETIME_SPREAD * i) / annotated.length,
    ]),
  );
  await eachBounded(annotated, ENTITY_CONCURRENCY, async entity => {
    if (Date.now() - started >= deps.maxWaitMs) return;
    try {
      await deps.ctx.cache.within({ lifetimeShare: shareOf.get(entity) }, () =>
        warm(entity),
      );
      warmed += 1;
    } catch (error) {
      deps.logger.debug(
        `Could not read the tabs of ${entity.metadata.name} at start`,
        error as Error,
      );
    }
  });
  deps.logger.info(
    `Read the tabs of ${warmed} of ${annotated.length} entities at start in ${
      Date.now() - started
    } ms`,
  );
}

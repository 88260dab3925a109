import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ecsDeployReadPermission,
  hasEcsDeployAnnotations,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ReadableEntity } from './DeliveryMetricsService';

/** The most entities one owner's metrics count. */
export const OWNER_ENTITY_LIMIT = 20;
/** Owned entities per catalog page, and pages read: the scan stays bounded too. */
const CATALOG_PAGE = 200;
const MAX_CATALOG_PAGES = 5;

/**
 * The entities `owner` owns that carry ECS Deploy annotations and that the
 * caller may read, as the caller sees the catalog (its visibility rules
 * apply), each checked for the read permission; the others are left out
 * as if they did not exist. The first `OWNER_ENTITY_LIMIT` by ref;
 * `truncated` when there are more, or more owned entities than the pages
 * read.
 */
export async function readableOwnedEntities(
  deps: { catalog: CatalogService; permissions: PermissionsService },
  credentials: BackstageCredentials,
  owner: string,
): Promise<{ entities: ReadableEntity[]; truncated: boolean }> {
  const annotated: Entity[] = [];
  let cursor: string | undefined;
  let page = 0;
  do {
    const response = await deps.catalog.queryEntities(
      cursor
        ? { cursor, limit: CATALOG_PAGE }
        : {
            filter: { 'relations.ownedBy': owner },
            orderFields: { field: 'metadata.name', order: 'asc' },
            limit: CATALOG_PAGE,
          },
      { credentials },
    );
    annotated.push(...response.items.filter(hasEcsDeployAnnotations));
    cursor = response.pageInfo.nextCursor;
    page++;
  } while (cursor && page < MAX_CATALOG_PAGES);

  const refs = annotated.map(e => stringifyEntityRef(e));
  const decisions = refs.length
    ? await deps.permissions.authorize(
        refs.map(resourceRef => ({
          permission: ecsDeployReadPermission,
          resourceRef,
        })),
        { credentials },
      )
    : [];
  const readable = annotated
    .map((entity, i) => ({ entity, entityRef: refs[i] }))
    .filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW)
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  return {
    entities: readable.slice(0, OWNER_ENTITY_LIMIT),
    truncated: readable.length > OWNER_ENTITY_LIMIT || cursor !== undefined,
  };
}

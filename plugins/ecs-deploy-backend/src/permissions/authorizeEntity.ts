import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AccessMemo } from './AccessMemo';

// Entity refs compare case-insensitively, as the catalog compares them.
function sameRef(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** An entity loaded as the caller and authorized for a permission. */
export interface AuthorizedEntity {
  entity: Entity;
  entityRef: string;
  credentials: BackstageCredentials;
}

/**
 * Loads the entity with the caller's credentials (what the caller cannot
 * see in the catalog does not exist here) and checks a `catalog-entity`
 * resource permission for it. Runs before any AWS call, for every door:
 * the HTTP routes (requireEntityPermission.ts) and the actions registry.
 * The loaded entity must be the one requested: a catalog that answers a
 * lookup with another entity (a ref its URL routing misread) is a 404, never
 * that entity's data under the requested ref.
 *
 * With `access`, a read reuses the lookup and the decision made for the same
 * user and entity a moment ago (AccessMemo.ts); anything else (every
 * mutation) asks the catalog and the permission framework afresh.
 */
export async function authorizeEntity(
  deps: {
    catalog: CatalogService;
    permissions: PermissionsService;
    access?: AccessMemo;
  },
  credentials: BackstageCredentials,
  ref: { kind: string; namespace: string; name: string },
  permission: ResourcePermission<'catalog-entity'>,
): Promise<AuthorizedEntity> {
  const requestedRef = stringifyEntityRef(ref);
  const memo =
    permission.attributes.action === 'read' ? deps.access : undefined;
  const lookup = () =>
    deps.catalog.getEntityByRef(requestedRef, { credentials });
  const entity = await (memo
    ? memo.entity(credentials, requestedRef, lookup)
    : lookup());
  const entityRef = entity && stringifyEntityRef(entity);
  if (!entity || !entityRef || !sameRef(entityRef, requestedRef)) {
    throw new NotFoundError(`Entity ${requestedRef} not found`);
  }
  const decide = async () => {
    const [decision] = await deps.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    return decision.result;
  };
  const result = await (memo
    ? memo.decision(credentials, entityRef, permission.name, decide)
    : decide());
  if (result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed to ${permission.name} on ${entityRef}`,
    );
  }
  return { entity, entityRef, credentials };
}

/**
 * The user an action is taken by, for the ledger. Services may read, but
 * only a signed-in user acts: the ledger and the history name who acted.
 */
export function actingUser(credentials: BackstageCredentials): string {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  if (principal.type !== 'user' || !principal.userEntityRef) {
    throw new NotAllowedError(
      'ECS Deploy actions are taken by signed-in users: the ledger names who acted',
    );
  }
  return principal.userEntityRef;
}

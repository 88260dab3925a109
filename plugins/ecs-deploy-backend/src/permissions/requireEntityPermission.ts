import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Request } from 'express';

/** An entity loaded as the caller and authorized for a permission. */
export interface AuthorizedEntity {
  entity: Entity;
  entityRef: string;
  credentials: BackstageCredentials;
}

/**
 * Authenticates the request, loads the entity with the caller's credentials
 * (what the caller cannot see in the catalog does not exist here) and checks
 * a `catalog-entity` resource permission for it. Runs before any AWS call.
 */
export async function requireEntityPermission(
  deps: {
    httpAuth: HttpAuthService;
    catalog: CatalogService;
    permissions: PermissionsService;
  },
  req: Request,
  ref: { kind: string; namespace: string; name: string },
  permission: ResourcePermission<'catalog-entity'>,
): Promise<AuthorizedEntity> {
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const entityRef = stringifyEntityRef(ref);
  const entity = await deps.catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`Entity ${entityRef} not found`);
  }
  const [decision] = await deps.permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed to ${permission.name} on ${entityRef}`,
    );
  }
  return { entity, entityRef, credentials };
}

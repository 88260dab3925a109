import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Request } from 'express';
import { AccessMemo } from './AccessMemo';
import { AuthorizedEntity, authorizeEntity } from './authorizeEntity';

/**
 * Authenticates the request, then loads and authorizes the entity as the
 * caller (authorizeEntity.ts). Runs before any AWS call.
 */
export async function requireEntityPermission(
  deps: {
    httpAuth: HttpAuthService;
    catalog: CatalogService;
    permissions: PermissionsService;
    access?: AccessMemo;
  },
  req: Request,
  ref: { kind: string; namespace: string; name: string },
  permission: ResourcePermission<'catalog-entity'>,
): Promise<AuthorizedEntity> {
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  return authorizeEntity(deps, credentials, ref, permission);
}

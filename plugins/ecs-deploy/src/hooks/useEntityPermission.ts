import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';

/** The permission an action needs; always checked against the entity. */
export type EntityActionPermission = Extract<
  Parameters<typeof usePermission>[0],
  { resourceRef: string | undefined }
>['permission'];

/**
 * Whether the signed-in user holds `permission` for the entity of the page,
 * as the permission policy decides (the same decision the backend takes
 * before acting). Decisions are cached per permission and entity, so the
 * badge, the note and the button of one action ask once.
 */
export function useEntityPermission(permission: EntityActionPermission): {
  loading: boolean;
  allowed: boolean;
} {
  const { entity } = useEntity();
  const { loading, allowed } = usePermission({
    permission,
    resourceRef: stringifyEntityRef(entity),
  });
  return { loading, allowed };
}

/** Why a control is disabled for a user the policy denies. */
export function notAllowedReason(label: string): string {
  return `You are not allowed to ${label.toLocaleLowerCase(
    'en-US',
  )} for this entity.`;
}

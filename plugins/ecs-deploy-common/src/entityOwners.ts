import {
  DEFAULT_NAMESPACE,
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The refs of an entity's owners: its `ownedBy` relations once the catalog
 * has processed it, else its `spec.owner` (a group by default, in the
 * entity's namespace).
 *
 * @public
 */
export function entityOwnerRefs(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (related.length) return related;
  const owner = entity.spec?.owner;
  return typeof owner === 'string'
    ? [
        stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
          }),
        ),
      ]
    : [];
}

import {
  EcsDeployTagKeys,
  isTaggedForEntity,
} from '@ecs-deploy/plugin-ecs-deploy-node';

/**
 * How a resource found under a name the service would use stands to the
 * service's entity: not there (create it), tagged for the entity (adopt it:
 * a re-run, or a new task finishing a failed one), or anything else
 * (untagged, or tagged for someone else: refuse).
 *
 * @public
 */
export type Standing = 'absent' | 'ours' | 'foreign';

/** @public */
export function standingOf(
  found: { tags: Record<string, string> } | undefined,
  entityRef: string,
  keys: EcsDeployTagKeys,
): Standing {
  if (!found) return 'absent';
  return isTaggedForEntity(found.tags, entityRef, keys) ? 'ours' : 'foreign';
}

/**
 * The refusal for a foreign resource. It names the resource and the tag that
 * is missing, never who the resource belongs to.
 *
 * @public
 */
export function notOurs(
  field: string,
  resource: string,
  entityRef: string,
  keys: EcsDeployTagKeys,
): string {
  return `${field}: ${resource} exists and is not tagged ${keys.entityKey}=${entityRef}; only resources tagged for this component are reused, so choose another name`;
}

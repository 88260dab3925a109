import type { AwsTag } from '@ecs-deploy/plugin-ecs-deploy-node';
import {
  EcsDeployTagKeys,
  entityTags,
  isTaggedForEntity,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import type { ServiceOwnership } from './ServiceAuthorizer';

/**
 * How a resource found under a name the service would use stands to the
 * caller: not there (create it), tagged for the service's entity and for a
 * team the caller is in (adopt it: a re-run, or a new task finishing a failed
 * one), or anything else (untagged, or tagged for someone else: refuse). The
 * owner tag closes the window between a first run and the catalog learning
 * about the new component, in which anyone could otherwise claim its name.
 *
 * @public
 */
export type Standing = 'absent' | 'ours' | 'foreign';

/** @public */
export function standingOf(
  found: { tags: Record<string, string> } | undefined,
  owner: Pick<ServiceOwnership, 'entityRef' | 'claims'>,
  keys: EcsDeployTagKeys,
): Standing {
  if (!found) return 'absent';
  if (!isTaggedForEntity(found.tags, owner.entityRef, keys)) return 'foreign';
  const team = found.tags[keys.ownerKey];
  return team === undefined || owner.claims.includes(team.toLowerCase())
    ? 'ours'
    : 'foreign';
}

/**
 * The refusal for a foreign resource. It names the resource and the tags
 * that are missing, never who the resource belongs to.
 *
 * @public
 */
export function notOurs(
  field: string,
  resource: string,
  entityRef: string,
  keys: EcsDeployTagKeys,
): string {
  return `${field}: ${resource} exists and is not tagged ${keys.entityKey}=${entityRef} for a team you are in; only resources tagged for this component are reused, so choose another name`;
}

/** The tags of everything the scaffolder creates for a service in one environment. @public */
export function serviceTags(
  owner: Pick<ServiceOwnership, 'entityRef' | 'ownerRef'>,
  environment: string,
  keys: EcsDeployTagKeys,
): AwsTag[] {
  return [
    ...entityTags(owner.entityRef, environment, keys),
    { Key: keys.ownerKey, Value: owner.ownerRef },
  ];
}

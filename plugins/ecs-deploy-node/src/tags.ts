import { Config } from '@backstage/config';

/**
 * The tag keys that tie AWS resources to catalog entities.
 *
 * @public
 */
export interface EcsDeployTagKeys {
  /** Default `backstage.io/entity`. */
  entityKey: string;
  /** Default `environment`. */
  environmentKey: string;
  /** Default `backstage.io/owner`: the owning group, on what the scaffolder creates. */
  ownerKey: string;
}

/**
 * The default tag keys.
 *
 * @public
 */
export const DEFAULT_TAG_KEYS: EcsDeployTagKeys = {
  entityKey: 'backstage.io/entity',
  environmentKey: 'environment',
  ownerKey: 'backstage.io/owner',
};

/**
 * Reads `ecsDeploy.tags` from the root config.
 *
 * @public
 */
export function readTagKeys(config: Config): EcsDeployTagKeys {
  return {
    entityKey:
      config.getOptionalString('ecsDeploy.tags.entityKey') ??
      DEFAULT_TAG_KEYS.entityKey,
    environmentKey:
      config.getOptionalString('ecsDeploy.tags.environmentKey') ??
      DEFAULT_TAG_KEYS.environmentKey,
    ownerKey:
      config.getOptionalString('ecsDeploy.tags.ownerKey') ??
      DEFAULT_TAG_KEYS.ownerKey,
  };
}

/**
 * A tag in the `Key`/`Value` shape of CodeDeploy, CodePipeline, ECR, ELBv2
 * and the Tagging API. (ECS spells it `key`/`value`: see {@link toEcsTags}.)
 *
 * @public
 */
export interface AwsTag {
  /** The tag key, e.g. `backstage.io/entity`. */
  Key: string;
  /** The tag value, e.g. `component:default/payments-api`. */
  Value: string;
}

/**
 * The tags that mark a resource as belonging to an entity's environment.
 *
 * @public
 */
export function entityTags(
  entityRef: string,
  environment: string,
  keys: EcsDeployTagKeys = DEFAULT_TAG_KEYS,
): AwsTag[] {
  return [
    { Key: keys.entityKey, Value: entityRef },
    { Key: keys.environmentKey, Value: environment },
  ];
}

/**
 * The same tags in ECS's lower-case shape.
 *
 * @public
 */
export function toEcsTags(tags: AwsTag[]): { key: string; value: string }[] {
  return tags.map(t => ({ key: t.Key, value: t.Value }));
}

/**
 * Tags in any of AWS's shapes (`Key`/`Value`, `key`/`value`) as a record.
 *
 * @public
 */
export function tagRecord(
  tags:
    | ReadonlyArray<{
        Key?: string;
        Value?: string;
        key?: string;
        value?: string;
      }>
    | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const k = t.Key ?? t.key;
    if (k !== undefined) out[k] = t.Value ?? t.value ?? '';
  }
  return out;
}

/**
 * True when the tags name the entity as owner. Entity refs compare
 * case-insensitively, as the catalog does.
 *
 * @public
 */
export function isTaggedForEntity(
  tags: Record<string, string>,
  entityRef: string,
  keys: EcsDeployTagKeys = DEFAULT_TAG_KEYS,
): boolean {
  const value = tags[keys.entityKey];
  return value !== undefined && value.toLowerCase() === entityRef.toLowerCase();
}

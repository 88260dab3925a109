/**
 * A tag as ELBv2, ECR, CodeDeploy and the tagging API spell it; ECS and
 * CodePipeline take `lowerCaseTags`.
 *
 * @public
 */
export interface ResourceTag {
  Key: string;
  Value: string;
}

/** The tag key the suite reads ownership from (its default). @public */
export const OWNER_TAG_KEY = 'backstage.io/entity';

/**
 * The owner tag naming `entityRef` (`component:default/payments-api`), plus
 * any further tags (`{ environment: 'prod' }`).
 *
 * @public
 */
export function ownerTags(
  entityRef: string,
  more: Record<string, string> = {},
): ResourceTag[] {
  return [
    { Key: OWNER_TAG_KEY, Value: entityRef },
    ...Object.entries(more).map(([Key, Value]) => ({ Key, Value })),
  ];
}

/** Tags as ECS and CodePipeline take them (`key`/`value`). @public */
export function lowerCaseTags(
  tags: ResourceTag[],
): { key: string; value: string }[] {
  return tags.map(t => ({ key: t.Key, value: t.Value }));
}

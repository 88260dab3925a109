import { ECS_DEPLOY_ANNOTATIONS } from './annotations';

/**
 * One `<key>=<value>` pair of a `*-tags` annotation: a resource must carry
 * the tag `key` with exactly this value.
 *
 * @public
 */
export interface TagFilterPair {
  key: string;
  value: string;
}

/**
 * A lookup of resources by tags that an awslabs `*-tags` annotation asks
 * for: every resource of the type carrying all the tags.
 *
 * @public
 */
export interface TagLookup {
  /** The annotation it was read from, e.g. `aws.amazon.com/amazon-ecs-service-tags`. */
  annotation: string;
  resourceType: 'ecs-service' | 'codepipeline';
  tags: TagFilterPair[];
}

/**
 * An annotation the plugins cannot use, and why: the backend answers 400
 * naming it rather than guessing.
 *
 * @public
 */
export interface InvalidAnnotation {
  annotation: string;
  /** A phrase following the annotation's name: "has no <key>=<value> tags". */
  problem: string;
}

// The Tagging API takes at most 50 tag filters per GetResources call.
const MAX_TAG_FILTERS = 50;

/**
 * Reads a `*-tags` annotation value as the awslabs plugins write it:
 * `<key>=<value>,<key>=<value>`, every pair required (AND).
 *
 * Stricter than the awslabs plugins in what would otherwise silently match
 * something else: whitespace around keys and values is dropped and empty
 * items (a trailing comma) are skipped, but a pair without `=`, with an
 * empty key or value, or a key given twice (no resource carries two values
 * for one key) is a problem. A value may contain `=` (the first one splits),
 * where the awslabs plugins cut the value at its second `=`.
 *
 * @returns the pairs, or why the value is not a tag list (a phrase that
 *   follows the annotation's name).
 * @public
 */
export function parseTagFilterList(
  value: string,
): { tags: TagFilterPair[] } | { problem: string } {
  const items = value
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
  if (!items.length) {
    return { problem: 'has no <key>=<value> tags' };
  }
  if (items.length > MAX_TAG_FILTERS) {
    return {
      problem: `has ${items.length} tags; the Tagging API matches at most ${MAX_TAG_FILTERS}`,
    };
  }
  const tags: TagFilterPair[] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = eq === -1 ? '' : item.slice(0, eq).trim();
    const tagValue = eq === -1 ? '' : item.slice(eq + 1).trim();
    if (!key || !tagValue) {
      return {
        problem: `is not a list of <key>=<value> tags: '${item}' is not <key>=<value>`,
      };
    }
    if (tags.some(t => t.key === key)) {
      return {
        problem: `names the tag key '${key}' twice; a resource carries one value per key`,
      };
    }
    tags.push({ key, value: tagValue });
  }
  return { tags };
}

/**
 * The tags as the awslabs plugins write them, for messages:
 * `component=myapp,environment=prod`.
 *
 * @public
 */
export function formatTagFilterList(tags: TagFilterPair[]): string {
  return tags.map(t => `${t.key}=${t.value}`).join(',');
}

/**
 * The awslabs `*-tags` annotations of an entity as lookups. A tags and an
 * ARN annotation for the same kind of resource is a problem: the awslabs
 * plugins refuse that pair too, and either choice could show the wrong one.
 *
 * @public
 */
export function readAwslabsTagLookups(annotations: Record<string, string>): {
  tagLookups: TagLookup[];
  invalidAnnotations: InvalidAnnotation[];
} {
  const A = ECS_DEPLOY_ANNOTATIONS;
  const tagLookups: TagLookup[] = [];
  const invalidAnnotations: InvalidAnnotation[] = [];
  const kinds = [
    {
      annotation: A.awslabsServiceTags,
      arnAnnotation: A.awslabsServiceArn,
      resourceType: 'ecs-service',
      what: 'ECS services',
    },
    {
      annotation: A.awslabsPipelineTags,
      arnAnnotation: A.awslabsPipelineArn,
      resourceType: 'codepipeline',
      what: 'pipelines',
    },
  ] as const;
  for (const { annotation, arnAnnotation, resourceType, what } of kinds) {
    const raw = annotations[annotation];
    if (raw === undefined) continue;
    if (annotations[arnAnnotation]?.trim()) {
      invalidAnnotations.push({
        annotation,
        problem: `and ${arnAnnotation} both name the entity's ${what}; keep one of them`,
      });
      continue;
    }
    const parsed = parseTagFilterList(raw);
    if ('problem' in parsed) {
      invalidAnnotations.push({ annotation, problem: parsed.problem });
    } else {
      tagLookups.push({ annotation, resourceType, tags: parsed.tags });
    }
  }
  return { tagLookups, invalidAnnotations };
}

/** `lib/tagging.ts`: the tags every resource carries. */
export const taggingSource = `import { Tags } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Tags every resource under scope. The ECS Deploy portal changes a resource
 * only when it carries the entity tag, so nothing may be declared untagged.
 */
export function tagEverything(
  scope: IConstruct,
  tags: Record<string, string>,
): void {
  for (const [key, value] of Object.entries(tags)) {
    Tags.of(scope).add(key, value);
  }
}
`;

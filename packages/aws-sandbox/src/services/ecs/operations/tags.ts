import { AwsError } from '../../../core/AwsError';
import type { OperationHandler } from '../../../core/types';
import { requireArray, requireString } from '../../../core/validate';
import type { EcsStore } from '../EcsStore';
import { ecsTags } from '../render';
import { INVALID, ecsTagsInput } from './common';

function requireResource(store: EcsStore, arn: string): void {
  const known =
    store.clusters.has(arn) ||
    store.services.has(arn) ||
    store.taskDefinitions.has(arn) ||
    store.taskSets.has(arn) ||
    store.tasks.has(arn);
  if (!known) {
    let code = INVALID;
    if (arn.includes(':service/')) code = 'ServiceNotFoundException';
    if (arn.includes(':cluster/')) code = 'ClusterNotFoundException';
    throw new AwsError(code, 'The specified resource is not found.');
  }
}

export function tagOperations(
  store: EcsStore,
): Record<string, OperationHandler> {
  return {
    TagResource(input) {
      const arn = requireString(input, 'resourceArn', INVALID);
      const tags = ecsTagsInput(requireArray(input, 'tags', INVALID));
      requireResource(store, arn);
      store.world.tags.tag(arn, tags);
      return {};
    },
    UntagResource(input) {
      const arn = requireString(input, 'resourceArn', INVALID);
      const keys = requireArray<string>(input, 'tagKeys', INVALID);
      requireResource(store, arn);
      store.world.tags.untag(arn, keys);
      return {};
    },
    ListTagsForResource(input) {
      const arn = requireString(input, 'resourceArn', INVALID);
      requireResource(store, arn);
      return { tags: ecsTags(store.world.tags, arn) };
    },
  };
}

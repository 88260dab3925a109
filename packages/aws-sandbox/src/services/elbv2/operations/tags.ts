import { AwsError } from '../../../core/AwsError';
import type { OperationHandler } from '../../../core/types';
import { requireArray } from '../../../core/validate';
import type { ElbStore } from '../ElbStore';
import { INVALID, elbTagsInput, requireList } from './common';

/** Tags of load balancers, target groups, listeners and rules. */
export function tagOperations(
  store: ElbStore,
): Record<string, OperationHandler> {
  const tags = store.world.tags;
  return {
    AddTags(input) {
      const arns = requireArray<string>(input, 'ResourceArns', INVALID);
      const newTags = elbTagsInput(requireList(input.Tags, 'Tags'));
      for (const arn of arns) store.requireResource(arn);
      for (const arn of arns) tags.tag(arn, newTags);
      return {};
    },

    RemoveTags(input) {
      const arns = requireArray<string>(input, 'ResourceArns', INVALID);
      const keys = requireArray<string>(input, 'TagKeys', INVALID);
      for (const arn of arns) store.requireResource(arn);
      for (const arn of arns) tags.untag(arn, keys);
      return {};
    },

    DescribeTags(input) {
      const arns = requireArray<string>(input, 'ResourceArns', INVALID);
      if (arns.length > 20)
        throw new AwsError(INVALID, 'ResourceArns can have at most 20 items');
      for (const arn of arns) store.requireResource(arn);
      return {
        TagDescriptions: arns.map(arn => ({
          ResourceArn: arn,
          Tags: tags.list(arn).map(t => ({ Key: t.key, Value: t.value })),
        })),
      };
    },
  };
}

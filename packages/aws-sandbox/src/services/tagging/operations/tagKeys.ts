import type { OperationHandler } from '../../../core/types';
import { requireString } from '../../../core/validate';
import type { TagStore } from '../../../world';
import { INVALID, resourcesOfCaller, taggingPage } from './common';

/** GetTagKeys, GetTagValues: the keys and values in use in the caller's account and region. */
export function tagKeyOperations(
  tags: TagStore,
): Record<string, OperationHandler> {
  return {
    GetTagKeys(input, ctx) {
      const keys = [
        ...new Set(
          resourcesOfCaller(tags, ctx).flatMap(arn =>
            tags.list(arn).map(t => t.key),
          ),
        ),
      ].sort();
      const { items, PaginationToken } = taggingPage(keys, input, 500);
      return { TagKeys: items, PaginationToken };
    },

    GetTagValues(input, ctx) {
      const key = requireString(input, 'Key', INVALID);
      const values = [
        ...new Set(
          resourcesOfCaller(tags, ctx).flatMap(arn =>
            tags
              .list(arn)
              .filter(t => t.key === key)
              .map(t => t.value),
          ),
        ),
      ].sort();
      const { items, PaginationToken } = taggingPage(values, input, 500);
      return { TagValues: items, PaginationToken };
    },
  };
}

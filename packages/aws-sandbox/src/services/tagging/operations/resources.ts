import { AwsError } from '../../../core/AwsError';
import type { OperationHandler } from '../../../core/types';
import {
  optionalArray,
  optionalNumber,
  requireString,
} from '../../../core/validate';
import type { TagStore } from '../../../world';
import { matchesResourceType } from '../resourceType';
import { INVALID, resourcesOfCaller, taggingPage } from './common';

interface TagFilter {
  Key?: string;
  Values?: string[];
}

function matchesTagFilters(
  tags: { key: string; value: string }[],
  filters: TagFilter[],
) {
  // Filters AND together; the values of one filter OR; no values means "has the key".
  return filters.every(f => {
    const tag = tags.find(t => t.key === f.Key);
    if (!tag) return false;
    return !f.Values?.length || f.Values.includes(tag.value);
  });
}

/** GetResources: resources by tags, type or ARN. */
export function resourceOperations(
  tags: TagStore,
): Record<string, OperationHandler> {
  return {
    GetResources(input, ctx) {
      const filters =
        optionalArray<TagFilter>(input, 'TagFilters', INVALID) ?? [];
      if (filters.length > 50)
        throw new AwsError(INVALID, 'TagFilters can have at most 50 items');
      for (const f of filters)
        requireString(f as Record<string, unknown>, 'Key', INVALID);
      const types =
        optionalArray<string>(input, 'ResourceTypeFilters', INVALID) ?? [];
      const arnList = optionalArray<string>(input, 'ResourceARNList', INVALID);
      if (arnList && (filters.length || types.length)) {
        throw new AwsError(
          INVALID,
          'ResourceARNList cannot be combined with TagFilters or ResourceTypeFilters',
        );
      }
      const perPage = optionalNumber(input, 'ResourcesPerPage', INVALID);
      if (perPage !== undefined && (perPage < 1 || perPage > 100)) {
        throw new AwsError(
          INVALID,
          'ResourcesPerPage must be between 1 and 100',
        );
      }
      const candidates = arnList ?? resourcesOfCaller(tags, ctx);
      const matching = candidates
        .filter(
          arn => !types.length || types.some(t => matchesResourceType(arn, t)),
        )
        .map(arn => ({ arn, tags: tags.list(arn) }))
        .filter(r => matchesTagFilters(r.tags, filters))
        .sort((a, b) => a.arn.localeCompare(b.arn));
      const { items, PaginationToken } = taggingPage(matching, input, 100);
      return {
        ResourceTagMappingList: items.map(r => ({
          ResourceARN: r.arn,
          Tags: r.tags.map(t => ({ Key: t.key, Value: t.value })),
        })),
        PaginationToken,
      };
    },
  };
}

import { AwsError } from '../../core/AwsError';
import { paginate } from '../../core/pagination';
import type { OperationHandler, RequestContext } from '../../core/types';
import {
  optionalArray,
  optionalNumber,
  optionalString,
  requireString,
} from '../../core/validate';
import type { TagStore } from '../../world';
import { matchesResourceType, resourceTypeOf } from './resourceType';

/** The tagging API's code for bad input. */
const INVALID = 'InvalidParameterException';

interface TagFilter {
  Key?: string;
  Values?: string[];
}

function inCallerScope(arn: string, ctx: RequestContext): boolean {
  const parsed = resourceTypeOf(arn);
  return (
    !!parsed &&
    parsed.region === ctx.region &&
    parsed.accountId === ctx.accountId
  );
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

/**
 * Page through results: the tagging API ends with an empty-string token,
 * which is what its SDK paginators stop on.
 */
function page<T>(items: T[], input: any, defaultMax: number) {
  const { page: out, nextToken } = paginate(items, {
    nextToken: optionalString(input, 'PaginationToken', INVALID) || undefined,
    maxResults: optionalNumber(input, 'ResourcesPerPage', INVALID),
    defaultMaxResults: defaultMax,
    invalidTokenCode: 'PaginationTokenExpiredException',
  });
  return { items: out, PaginationToken: nextToken ?? '' };
}

export function taggingOperations(
  tags: TagStore,
): Record<string, OperationHandler> {
  const scoped = (ctx: RequestContext) =>
    tags.all().filter(arn => inCallerScope(arn, ctx));

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
      const candidates = arnList ?? scoped(ctx);
      const matching = candidates
        .filter(
          arn => !types.length || types.some(t => matchesResourceType(arn, t)),
        )
        .map(arn => ({ arn, tags: tags.list(arn) }))
        .filter(r => matchesTagFilters(r.tags, filters))
        .sort((a, b) => a.arn.localeCompare(b.arn));
      const { items, PaginationToken } = page(matching, input, 100);
      return {
        ResourceTagMappingList: items.map(r => ({
          ResourceARN: r.arn,
          Tags: r.tags.map(t => ({ Key: t.key, Value: t.value })),
        })),
        PaginationToken,
      };
    },

    GetTagKeys(input, ctx) {
      const keys = [
        ...new Set(scoped(ctx).flatMap(arn => tags.list(arn).map(t => t.key))),
      ].sort();
      const { items, PaginationToken } = page(keys, input, 500);
      return { TagKeys: items, PaginationToken };
    },

    GetTagValues(input, ctx) {
      const key = requireString(input, 'Key', INVALID);
      const values = [
        ...new Set(
          scoped(ctx).flatMap(arn =>
            tags
              .list(arn)
              .filter(t => t.key === key)
              .map(t => t.value),
          ),
        ),
      ].sort();
      const { items, PaginationToken } = page(values, input, 500);
      return { TagValues: items, PaginationToken };
    },
  };
}

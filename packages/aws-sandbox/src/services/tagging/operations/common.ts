import { paginate } from '../../../core/pagination';
import type { RequestContext } from '../../../core/types';
import { optionalNumber, optionalString } from '../../../core/validate';
import type { TagStore } from '../../../world';
import { resourceTypeOf } from '../resourceType';

/** The tagging API's code for bad input. */
export const INVALID = 'InvalidParameterException';

/** The tagged (or registered) resources in the caller's account and region. */
export function resourcesOfCaller(
  tags: TagStore,
  ctx: RequestContext,
): string[] {
  return tags.all().filter(arn => {
    const parsed = resourceTypeOf(arn);
    return parsed?.region === ctx.region && parsed.accountId === ctx.accountId;
  });
}

/**
 * One page by `PaginationToken` and `ResourcesPerPage`: the tagging API ends
 * with an empty-string token, which is what its SDK paginators stop on.
 */
export function taggingPage<T>(items: T[], input: any, defaultMax: number) {
  const { page, nextToken } = paginate(items, {
    nextToken: optionalString(input, 'PaginationToken', INVALID) || undefined,
    maxResults: optionalNumber(input, 'ResourcesPerPage', INVALID),
    defaultMaxResults: defaultMax,
    invalidTokenCode: 'PaginationTokenExpiredException',
  });
  return { items: page, PaginationToken: nextToken ?? '' };
}

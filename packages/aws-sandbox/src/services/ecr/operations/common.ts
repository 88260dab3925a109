import { AwsError } from '../../../core/AwsError';
import { paginate } from '../../../core/pagination';
import type { RequestContext } from '../../../core/types';
import {
  optionalNumber,
  optionalString,
  requireString,
} from '../../../core/validate';

/** ECR's code for bad input. */
export const INVALID = 'InvalidParameterException';

/** The registry (account) and region a call addresses: `registryId` or the caller's account. */
export const registryOf = (input: any, ctx: RequestContext) => ({
  accountId: optionalString(input, 'registryId', INVALID) ?? ctx.accountId,
  region: ctx.region,
});

/** ECR tags are `{ Key, Value }`. */
export function ecrTagsInput(value: unknown): { key: string; value: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AwsError(INVALID, 'tags must be a list');
  return value.map(t => ({
    key: requireString(t, 'Key', INVALID),
    value: String(t?.Value ?? ''),
  }));
}

/** One page by `nextToken` and `maxResults` (default 100). */
export function ecrPage<T>(items: T[], input: any) {
  return paginate(items, {
    nextToken: optionalString(input, 'nextToken', INVALID),
    maxResults: optionalNumber(input, 'maxResults', INVALID),
    defaultMaxResults: 100,
    invalidTokenCode: INVALID,
  });
}

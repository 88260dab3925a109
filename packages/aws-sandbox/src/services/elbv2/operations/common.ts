import { AwsError } from '../../../core/AwsError';
import { paginate } from '../../../core/pagination';
import {
  optionalNumber,
  optionalString,
  requireString,
} from '../../../core/validate';

/** ELBv2's code for bad input (a Query `ValidationError`). */
export const INVALID = 'ValidationError';

/** Load balancer and target group names: 32 characters at most, alphanumeric and hyphens. */
export const NAME = /^[a-zA-Z0-9-]{1,32}$/;

export function requireList(value: unknown, field: string): any[] {
  if (!Array.isArray(value)) {
    throw new AwsError(
      INVALID,
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** ELBv2 tags are `{ Key, Value }`. */
export function elbTagsInput(value: unknown): { key: string; value: string }[] {
  if (value === undefined) return [];
  return requireList(value, 'Tags').map((t: any) => ({
    key: requireString(t, 'Key', INVALID),
    value: String(t?.Value ?? ''),
  }));
}

/** One page by `Marker` and `PageSize` (default 400). */
export function elbPage<T>(items: T[], input: any) {
  const { page, nextToken } = paginate(items, {
    nextToken: optionalString(input, 'Marker', INVALID),
    maxResults: optionalNumber(input, 'PageSize', INVALID),
    defaultMaxResults: 400,
    invalidTokenCode: INVALID,
  });
  return { items: page, NextMarker: nextToken };
}

/** The records `names` picks out of `list`, in that order; `notFound` for a missing one. */
export function byNames<T extends { name: string }>(
  list: T[],
  names: string[],
  notFound: (name: string) => AwsError,
): T[] {
  return names.map(n => {
    const found = list.find(r => r.name === n);
    if (!found) throw notFound(n);
    return found;
  });
}

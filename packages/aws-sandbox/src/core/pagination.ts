import { AwsError } from './AwsError';

/** @public */
export interface PageRequest {
  nextToken?: string;
  maxResults?: number;
  /** page size when the caller gives none */
  defaultMaxResults: number;
  /** error code for a token the sandbox did not issue */
  invalidTokenCode: string;
}

/**
 * One page of `items` and the token for the next, or no token on the last
 * page. Tokens are opaque to callers (base64 of an offset), as AWS's are.
 *
 * @public
 */
export function paginate<T>(
  items: T[],
  request: PageRequest,
): { page: T[]; nextToken?: string } {
  const start = request.nextToken ? decodeToken(request) : 0;
  const size =
    request.maxResults && request.maxResults > 0
      ? request.maxResults
      : request.defaultMaxResults;
  const page = items.slice(start, start + size);
  const next = start + size;
  return {
    page,
    nextToken:
      next < items.length
        ? Buffer.from(JSON.stringify({ o: next })).toString('base64')
        : undefined,
  };
}

function decodeToken(request: PageRequest): number {
  try {
    const parsed = JSON.parse(
      Buffer.from(request.nextToken!, 'base64').toString('utf8'),
    );
    if (typeof parsed?.o === 'number' && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through to the AWS error below
  }
  throw new AwsError(request.invalidTokenCode, 'The next token is invalid');
}

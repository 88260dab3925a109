import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh control API token: 32 random bytes, base64url. */
export function createControlToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether an `Authorization` header is `Bearer <token>`. Both sides are hashed
 * first so the comparison takes the same time whatever was sent, including
 * its length.
 */
export function bearerTokenMatches(
  authorization: string | undefined,
  token: string,
): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const sent = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(sent, expected) && match !== null;
}

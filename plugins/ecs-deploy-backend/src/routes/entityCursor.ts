import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';

const TAG_LENGTH = 16;

// base64url of a hash of the ref: the cursor does not spell out the entity,
// and `.` never occurs in base64url, so it separates tag and cursor.
function entityTag(entityRef: string): string {
  return createHash('sha256')
    .update(entityRef.toLocaleLowerCase('en-US'))
    .digest('base64url')
    .slice(0, TAG_LENGTH);
}

/**
 * Ties a page cursor (history, ledger) to the entity it pages through. The
 * cursors themselves hold AWS page tokens and offsets of the entity's own
 * sources, which would page through another entity's sources just as well.
 */
export function bindCursor(entityRef: string, cursor: string): string {
  return `${entityTag(entityRef)}.${cursor}`;
}

/** The cursor `bindCursor` made for this entity; anything else is a 400. */
export function unbindCursor(entityRef: string, cursor: string): string {
  const dot = cursor.indexOf('.');
  if (dot !== TAG_LENGTH || cursor.slice(0, dot) !== entityTag(entityRef)) {
    throw new InputError(
      'Invalid request: cursor: not a cursor of this list for this entity',
    );
  }
  return cursor.slice(dot + 1);
}

/** A page with its `nextCursor` tied to the entity. */
export function withBoundCursor<T extends { nextCursor?: string }>(
  entityRef: string,
  page: T,
): T {
  return page.nextCursor
    ? { ...page, nextCursor: bindCursor(entityRef, page.nextCursor) }
    : page;
}

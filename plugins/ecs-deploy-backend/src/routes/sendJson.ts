import { Response } from 'express';
import { createHash } from 'node:crypto';

/** A cached answer as it goes on the wire. */
interface Serialized {
  body: string;
  etag: string;
}

/**
 * The JSON of each cached answer, by the answer itself: a cached value is
 * one frozen object that every viewer gets until it expires (ReadCache), so
 * it is stringified and hashed once, not per viewer, and forgotten with it.
 */
const serialized = new WeakMap<object, Serialized>();

function serializedOf(value: object): Serialized {
  let found = serialized.get(value);
  if (!found) {
    const body = JSON.stringify(value);
    // Express's own weak ETag, of the same bytes.
    const hash = createHash('sha1').update(body).digest('base64').slice(0, 27);
    const length = Buffer.byteLength(body).toString(16);
    found = { body, etag: `W/"${length}-${hash}"` };
    serialized.set(value, found);
  }
  return found;
}

/**
 * Sends `value` as `res.json` would. A frozen value (a cached answer, shared
 * by every viewer) is sent from its JSON serialized once, with its ETag; a
 * request whose If-None-Match names that ETag gets a 304, as Express answers
 * it for any body (the browser revalidates on its own and hands `fetch` its
 * cached copy).
 */
export function sendJson(res: Response, value: unknown): void {
  if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) {
    res.json(value);
    return;
  }
  const { body, etag } = serializedOf(value);
  res.set('ETag', etag);
  if (!res.get('Content-Type')) res.type('application/json');
  res.send(body);
}

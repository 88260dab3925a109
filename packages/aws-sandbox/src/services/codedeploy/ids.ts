import { createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Deterministic ids from a counter, so a seeded world looks the same on every
 * start: `d-` plus nine characters like AWS's deployment ids, and UUID-shaped
 * ids for applications and deployment groups.
 *
 * @public
 */
export function deploymentIdFor(seq: number): string {
  const digest = createHash('sha1').update(`deployment:${seq}`).digest();
  let id = '';
  for (let i = 0; i < 9; i++) id += ALPHABET[digest[i] % ALPHABET.length];
  return `d-${id}`;
}

/** @public */
export function uuidFor(kind: string, seq: number | string): string {
  const hex = createHash('sha1').update(`${kind}:${seq}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

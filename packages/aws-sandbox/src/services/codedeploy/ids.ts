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

const prefixes = new Map<string, string>();

/**
 * A UUID-shaped id from a kind and a sequence number: a stable per-kind prefix
 * (hashed once) and the sequence in the last group. Seeded fleets make tens of
 * thousands of these, so nothing is hashed per id.
 *
 * @public
 */
export function uuidFor(kind: string, seq: number | string): string {
  let prefix = prefixes.get(kind);
  if (!prefix) {
    const hex = createHash('sha1').update(kind).digest('hex');
    prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
      13,
      16,
    )}-8${hex.slice(17, 20)}`;
    prefixes.set(kind, prefix);
  }
  const tail =
    typeof seq === 'number'
      ? seq.toString(16)
      : createHash('sha1').update(seq).digest('hex');
  return `${prefix}-${tail.padStart(12, '0').slice(-12)}`;
}

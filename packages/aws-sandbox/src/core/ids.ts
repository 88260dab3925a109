import { createHash } from 'node:crypto';

const prefixes = new Map<string, string>();

/**
 * A UUID-shaped id from a kind and a sequence number (or a key): a stable
 * per-kind prefix (hashed once) and the sequence in the last group, so a
 * seeded world gets the same ids on every start. Seeded fleets make tens of
 * thousands of these, so nothing is hashed per numbered id.
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

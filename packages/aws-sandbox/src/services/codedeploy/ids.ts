import { createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A deployment id from a counter: `d-` plus nine characters, like AWS's,
 * the same for the same counter on every start.
 */
export function deploymentIdFor(seq: number): string {
  const digest = createHash('sha1').update(`deployment:${seq}`).digest();
  let id = '';
  for (let i = 0; i < 9; i++) id += ALPHABET[digest[i] % ALPHABET.length];
  return `d-${id}`;
}

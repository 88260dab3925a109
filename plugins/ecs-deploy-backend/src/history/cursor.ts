import { InputError } from '@backstage/errors';

/** Where one source stands: the AWS page token and how far into that page. */
export interface SourcePosition {
  token?: string;
  offset: number;
  done?: boolean;
}

/** The state behind an opaque history cursor. */
export interface HistoryCursor {
  /** Fingerprint of the filters the cursor was made for. */
  filter: string;
  positions: Record<string, SourcePosition>;
}

/** Encodes a cursor as URL-safe base64 JSON. */
export function encodeCursor(cursor: HistoryCursor): string {
  const compact = {
    v: 1,
    f: cursor.filter,
    s: Object.fromEntries(
      Object.entries(cursor.positions).map(([key, p]) => [
        key,
        [p.token ?? null, p.offset, p.done ? 1 : 0],
      ]),
    ),
  };
  return Buffer.from(JSON.stringify(compact), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor; anything malformed, or a cursor made for other filters,
 * is an `InputError` naming the `cursor` field.
 */
export function decodeCursor(text: string, filter: string): HistoryCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('Invalid cursor: not a cursor from this API');
  }
  const value = parsed as {
    v?: unknown;
    f?: unknown;
    s?: Record<string, unknown>;
  };
  if (
    !value ||
    value.v !== 1 ||
    typeof value.f !== 'string' ||
    typeof value.s !== 'object' ||
    value.s === null
  ) {
    throw new InputError('Invalid cursor: not a cursor from this API');
  }
  if (value.f !== filter) {
    throw new InputError(
      'Invalid cursor: it was made for other environment or status filters',
    );
  }
  const positions: Record<string, SourcePosition> = {};
  for (const [key, raw] of Object.entries(value.s)) {
    if (
      !Array.isArray(raw) ||
      raw.length !== 3 ||
      !(raw[0] === null || typeof raw[0] === 'string') ||
      !Number.isInteger(raw[1]) ||
      raw[1] < 0
    ) {
      throw new InputError('Invalid cursor: malformed position');
    }
    positions[key] = {
      ...(raw[0] !== null ? { token: raw[0] } : {}),
      offset: raw[1],
      ...(raw[2] ? { done: true } : {}),
    };
  }
  return { filter: value.f, positions };
}

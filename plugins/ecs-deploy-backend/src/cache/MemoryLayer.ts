import { LRUCache } from 'lru-cache';

/** Recursively freezes a value so callers cannot change what others share. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

interface Entry {
  value: unknown;
  expiresAt: number;
  /** When it was read from AWS, if known. */
  readAt?: number;
}

/** See {@link MemoryLayer.fresh}; the shared cache's entries are judged alike. */
export function isFresh(
  entry: { expiresAt: number; readAt?: number },
  now: number,
  withinMs: number,
  readSince?: number,
): boolean {
  if (entry.expiresAt <= now) return false;
  if (entry.expiresAt > now + withinMs) return true;
  return (
    readSince !== undefined &&
    entry.readAt !== undefined &&
    entry.readAt >= readSince
  );
}

/**
 * What an entry costs in memory, estimated by the length of its JSON form
 * (the form it has in the shared cache): values are plain JSON data, and a
 * JS heap object is within a small factor of that.
 */
function jsonBytes(entry: Entry): number {
  return Math.max(1, JSON.stringify(entry.value)?.length ?? 1);
}

/**
 * Values this process read or loaded lately, with the expiry they have in
 * the shared cache. Reading from here costs no deserialisation: every viewer
 * of an entity gets the same frozen object until it expires. Entries outlive
 * their expiry by `staleMs` so a failing refresh can fall back on them. The
 * layer is bounded in bytes (`maxBytes`) and, optionally, in entries; the
 * least recently used go first. A value larger than the whole budget is not
 * kept here at all (it still lives in the shared cache).
 */
export class MemoryLayer {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly options: {
      maxBytes: number;
      maxEntries?: number;
      staleMs: number;
      now: () => number;
    },
  ) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      ...(options.maxEntries ? { max: options.maxEntries } : {}),
      sizeCalculation: jsonBytes,
    });
  }

  /**
   * The value if it expires later than `withinMs` from now, or before that
   * but was read from AWS at or after `readSince`.
   */
  fresh<T>(key: string, withinMs = 0, readSince?: number): T | undefined {
    const entry = this.touch(key);
    return entry && isFresh(entry, this.options.now(), withinMs, readSince)
      ? (entry.value as T)
      : undefined;
  }

  /** The value even if expired, within `staleMs` of its expiry. */
  stale<T>(key: string): T | undefined {
    return this.touch(key)?.value as T | undefined;
  }

  set<T>(key: string, value: T, expiresAt: number, readAt?: number): T {
    this.entries.set(key, { value: deepFreeze(value), expiresAt, readAt });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes held, for the bench and tests. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  private touch(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt + this.options.staleMs <= this.options.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

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
}

/**
 * Values this process read or loaded lately, with the expiry they have in
 * the shared cache. Reading from here costs no deserialisation: every viewer
 * of an entity gets the same frozen object until it expires. Entries outlive
 * their expiry by `staleMs` so a failing refresh can fall back on them; the
 * least recently used go first when `maxEntries` is reached.
 */
export class MemoryLayer {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: {
      maxEntries: number;
      staleMs: number;
      now: () => number;
    },
  ) {}

  /** The value if it has not expired. */
  fresh<T>(key: string): T | undefined {
    const entry = this.touch(key);
    return entry && entry.expiresAt > this.options.now()
      ? (entry.value as T)
      : undefined;
  }

  /** The value even if expired, within `staleMs` of its expiry. */
  stale<T>(key: string): T | undefined {
    return this.touch(key)?.value as T | undefined;
  }

  set<T>(key: string, value: T, expiresAt: number): T {
    this.entries.delete(key);
    this.entries.set(key, { value: deepFreeze(value), expiresAt });
    if (this.entries.size > this.options.maxEntries) {
      // A Map iterates in insertion order: the first key is the least recent.
      this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  private touch(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt + this.options.staleMs <= this.options.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Move to the end: most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }
}

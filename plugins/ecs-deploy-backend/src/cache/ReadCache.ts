import { CacheService } from '@backstage/backend-plugin-api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { JsonValue } from '@backstage/types';
import { isFresh, MemoryLayer } from './MemoryLayer';

/** How a value is kept in the shared cache: with its expiry, for the memory layer. */
interface SharedEntry {
  v: JsonValue;
  exp: number;
  /** When it was read from AWS. */
  at?: number;
}

function isSharedEntry(value: unknown): value is SharedEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    'v' in value &&
    typeof (value as SharedEntry).exp === 'number'
  );
}

/** Throttling and AWS outages: worth answering from a value a little old. */
function isTransient(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'ServiceUnavailableError';
}

/**
 * How reads inside {@link ReadCache.within} use the cache:
 * - `refreshAheadMs` / `minTtlMs`: the watcher's reads. A value expiring
 *   within `refreshAheadMs` is loaded again, and what is loaded lives at
 *   least `minTtlMs`, so viewers between two rounds of the watcher never
 *   find it expired and never call AWS themselves.
 * - `skipMemory`: a read that follows a signal. This process's copy may be
 *   older than what the watcher (on another replica) wrote to the shared
 *   cache, so the shared cache answers.
 * - `lifetimeShare`: what is loaded lives this share (0–1] of its lifetime;
 *   the warm-up at start spreads the expiry of what it reads this way.
 * - `recentMs`: a value read from AWS this recently is kept, even if it
 *   expires within `refreshAheadMs` (a share of its lifetime may be short).
 */
export interface ReadScope {
  refreshAheadMs?: number;
  minTtlMs?: number;
  skipMemory?: boolean;
  lifetimeShare?: number;
  recentMs?: number;
}

/** A scope as it runs: the keys it loaded already answer its later reads. */
interface RunningScope extends ReadScope {
  loaded: Set<string>;
}

export interface ReadCacheOptions {
  /** Memory for values kept in this process, by their JSON size (least recently used go first). */
  memoryBytes?: number;
  /** An optional cap on the number of values kept in this process. */
  memoryEntries?: number;
  /** How long past its expiry a value may answer when AWS throttles or fails. */
  staleIfErrorMs?: number;
  now?: () => number;
}

/**
 * Read-through cache with request coalescing, in two layers. Values live in
 * `coreServices.cache` (shared by replicas when it is Redis) and, for their
 * remaining lifetime, in this process's memory, so a value read by many
 * viewers is deserialised once. An in-flight map makes concurrent requests
 * for one key share a single AWS call. When AWS throttles or fails, a value
 * that expired moments ago answers instead of an error (stale-if-error).
 */
export class ReadCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly scope = new AsyncLocalStorage<RunningScope>();
  private readonly memory: MemoryLayer;
  private readonly now: () => number;
  private staleAnswers = 0;

  constructor(
    private readonly cache: CacheService,
    options: ReadCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.memory = new MemoryLayer({
      maxBytes: options.memoryBytes ?? 64 * 1024 * 1024,
      maxEntries: options.memoryEntries,
      staleMs: options.staleIfErrorMs ?? 300_000,
      now: this.now,
    });
  }

  /**
   * Returns the cached value of `key`, or loads it once. `ttl` gets the
   * loaded value so finished things can live longer than moving ones; a ttl
   * of 0 skips the cache (coalescing still applies). Values come back frozen:
   * they are shared with every other caller.
   */
  async get<T>(
    key: string,
    load: () => Promise<T>,
    ttl: number | ((value: T) => number),
  ): Promise<T> {
    const hot = this.peekMemory<T>(key);
    if (hot !== undefined) return hot;
    return this.coalesce(key, async () => {
      const cached = await this.peekShared<T>(key, this.aheadMs(key));
      if (cached !== undefined) return cached;
      try {
        const value = await load();
        await this.put(
          key,
          value,
          typeof ttl === 'function' ? ttl(value) : ttl,
        );
        return value;
      } catch (error) {
        const stale = this.fallback<T>(error, key);
        if (stale === undefined) throw error;
        return stale;
      }
    });
  }

  /**
   * Runs `read` with its cache reads in `scope` (see {@link ReadScope}). A
   * key loaded once in the scope is not loaded again by a later read in it:
   * what was just loaded lives `minTtlMs`, within `refreshAheadMs`, and
   * without this every read of it (a look reads the action index a few
   * times) called AWS again.
   */
  within<T>(scope: ReadScope, read: () => Promise<T>): Promise<T> {
    return this.scope.run({ ...scope, loaded: new Set() }, read);
  }

  /**
   * The value `key` had until lately, when `error` is AWS throttling or
   * failing (stale-if-error); undefined otherwise. For loads that do not
   * go through `get`, such as batches.
   */
  fallback<T>(error: unknown, key: string): T | undefined {
    if (!isTransient(error)) return undefined;
    const stale = this.memory.stale<T>(key);
    if (stale !== undefined) this.staleAnswers += 1;
    return stale;
  }

  /** Runs `load` once for concurrent callers of the same key. */
  async coalesce<T>(key: string, load: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const promise = load();
    this.inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** The cached value, read as the current scope says (see {@link ReadScope}). */
  async peek<T>(key: string): Promise<T | undefined> {
    return (
      this.peekMemory<T>(key) ?? this.peekShared<T>(key, this.aheadMs(key))
    );
  }

  private peekMemory<T>(key: string): T | undefined {
    const scope = this.scope.getStore();
    return scope?.skipMemory
      ? undefined
      : this.memory.fresh<T>(key, this.aheadMs(key), this.readSince(key));
  }

  /** Values read since then are kept in the current scope (`recentMs`). */
  private readSince(key: string): number | undefined {
    const scope = this.scope.getStore();
    if (!scope?.recentMs || scope.loaded.has(key)) return undefined;
    return this.now() - scope.recentMs;
  }

  private aheadMs(key: string): number {
    const scope = this.scope.getStore();
    if (!scope || scope.loaded.has(key)) return 0;
    return scope.refreshAheadMs ?? 0;
  }

  /**
   * Reads the shared cache only: what another replica may have written
   * since; a value expiring within `withinMs` counts as expired.
   */
  async peekShared<T>(key: string, withinMs = 0): Promise<T | undefined> {
    const entry = await this.cache.get<JsonValue>(key);
    if (
      !isSharedEntry(entry) ||
      !isFresh(
        { expiresAt: entry.exp, readAt: entry.at },
        this.now(),
        withinMs,
        this.readSince(key),
      )
    ) {
      return undefined;
    }
    return this.memory.set(key, entry.v as T, entry.exp, entry.at);
  }

  /** Keeps a value for `ttlMs`, or the current scope's `minTtlMs` if longer. */
  async put<T>(key: string, value: T, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    const scope = this.scope.getStore();
    scope?.loaded.add(key);
    const lifetime = Math.max(
      ttlMs * (scope?.lifetimeShare ?? 1),
      scope?.minTtlMs ?? 0,
    );
    const at = this.now();
    const exp = at + lifetime;
    this.memory.set(key, value, exp, at);
    const entry: SharedEntry = { v: value as unknown as JsonValue, exp, at };
    await this.cache.set(key, entry as unknown as JsonValue, {
      ttl: lifetime,
    });
  }

  /**
   * Drops a value this backend changed in AWS, here and in the shared cache,
   * so the next read asks AWS. Another replica's memory keeps its copy for
   * the rest of its lifetime.
   */
  async forget(key: string): Promise<void> {
    this.memory.delete(key);
    await this.cache.delete(key);
  }

  /** For tests and the bench: values in memory and answers served stale. */
  stats(): {
    memoryEntries: number;
    memoryBytes: number;
    staleAnswers: number;
  } {
    return {
      memoryEntries: this.memory.size,
      memoryBytes: this.memory.bytes,
      staleAnswers: this.staleAnswers,
    };
  }
}

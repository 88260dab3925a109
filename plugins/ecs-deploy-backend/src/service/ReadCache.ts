import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';

/**
 * Read-through cache with request coalescing. Values live in
 * `coreServices.cache` (shared by replicas when it is Redis); an in-process
 * map of in-flight loads makes concurrent requests for one key share a single
 * AWS call, however many people look at the same entity.
 */
export class ReadCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly cache: CacheService) {}

  /**
   * Returns the cached value of `key`, or loads it once. `ttl` gets the
   * loaded value so finished things can live longer than moving ones; a ttl
   * of 0 skips the shared cache (coalescing still applies).
   */
  async get<T>(
    key: string,
    load: () => Promise<T>,
    ttl: number | ((value: T) => number),
  ): Promise<T> {
    return this.coalesce(key, async () => {
      const cached = await this.peek<T>(key);
      if (cached !== undefined) return cached;
      const value = await load();
      await this.put(key, value, typeof ttl === 'function' ? ttl(value) : ttl);
      return value;
    });
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

  async peek<T>(key: string): Promise<T | undefined> {
    return (await this.cache.get<JsonValue>(key)) as T | undefined;
  }

  async put<T>(key: string, value: T, ttlMs: number): Promise<void> {
    if (ttlMs > 0) {
      await this.cache.set(key, value as unknown as JsonValue, { ttl: ttlMs });
    }
  }
}

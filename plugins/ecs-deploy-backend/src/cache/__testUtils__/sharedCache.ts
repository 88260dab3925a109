import { CacheService } from '@backstage/backend-plugin-api';

/** A shared cache that stores JSON text, like Keyv does, and counts reads. */
export function sharedCache() {
  const store = new Map<string, { text: string; until: number }>();
  let clock = 0;
  const cache = {
    reads: 0,
    setClock: (ms: number) => {
      clock = ms;
    },
    get: async (key: string) => {
      cache.reads += 1;
      const hit = store.get(key);
      return hit && hit.until > clock ? JSON.parse(hit.text) : undefined;
    },
    set: async (key: string, value: unknown, opts?: { ttl?: number }) => {
      store.set(key, {
        text: JSON.stringify(value),
        until: clock + (opts?.ttl ?? 1e12),
      });
    },
    delete: async (key: string) => {
      store.delete(key);
    },
    withOptions: () => cache as unknown as CacheService,
  };
  return cache;
}

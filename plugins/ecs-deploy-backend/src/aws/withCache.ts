import { AwsClientFactory } from '@ecs-deploy/plugin-ecs-deploy-node';
import { CacheClassOf, ClassedCache } from '../cache/ClassedCache';

/** What the gateways need: the clients per account and region, the cache. */
export interface GatewayDeps {
  clients: AwsClientFactory;
  cache: ClassedCache;
}

/** Where a resource lives, which picks the clients. */
export interface Where {
  accountId: string;
  region: string;
}

/** How a gateway function caches: not at all, or by class under a key of its arguments. */
export type CachePolicy<A extends unknown[], T> =
  | { cache: 'none' }
  | { cache: CacheClassOf<T>; key: (...args: A) => string };

/** A gateway function that caches as its policy declares. */
export function withCache<A extends unknown[], T>(
  cache: ClassedCache,
  policy: CachePolicy<A, T>,
  load: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  if (policy.cache === 'none' || !('key' in policy)) return load;
  const { key, cache: cacheClass } = policy;
  return (...args: A) =>
    cache.get(key(...args), () => load(...args), cacheClass);
}

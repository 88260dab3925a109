import {
  DeploymentStatus,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { CacheTtls } from '../config';
import { ReadCache, ReadScope } from './ReadCache';

/**
 * How long a value may be answered from the cache, by what it is:
 * - `none`: never cached (what an action decides on, every mutation);
 * - `resolution`: what an entity's resources are (tags, group lookups);
 * - `list`: lists and service state;
 * - `finished`: what no longer changes (finished deployments, task definitions);
 * - `active`: what moves (deployments in progress, listener weights, approvals);
 * - `idle`: what shows an environment at rest (service state, the newest
 *   deployments, the pipeline's state, while nothing moves or waits). It
 *   changes only when a deployment starts: the suite forgets it when it
 *   acts (EnvironmentLoader.forgetState), the watcher and its scan read it
 *   again at each look, and it expires after `idleTtlSeconds` otherwise.
 * - `settled`: what at rest changes only with the ECS service beside it (its
 *   running tasks, the pages of its deployments), cached under a digest of
 *   the service's state (aws/serviceVersion.ts): the service, read again
 *   at the idle pace, tells when it changed. `settledTtlSeconds`.
 */
export type CacheClass =
  | 'none'
  | 'resolution'
  | 'list'
  | 'finished'
  | 'active'
  | 'idle'
  | 'settled';

/** A class, or the class a loaded value falls in (finished things live longer). */
export type CacheClassOf<T> = CacheClass | ((value: T) => CacheClass);

/** Moving deployments are `active`, finished ones `finished`. */
export function classOfStatus(status: DeploymentStatus): CacheClass {
  return isActiveStatus(status) ? 'active' : 'finished';
}

/**
 * The read cache with lifetimes given by class, so that callers say what a
 * value is and `ecsDeploy.cache.*` says how long that lives.
 */
export class ClassedCache {
  constructor(readonly store: ReadCache, private readonly ttl: CacheTtls) {}

  /** Milliseconds a value of the class lives. */
  lifetimeOf(cacheClass: CacheClass): number {
    if (cacheClass === 'none') return 0;
    if (cacheClass === 'idle') return this.ttl.idle ?? this.ttl.list;
    if (cacheClass === 'settled') {
      return this.ttl.settled ?? this.ttl.idle ?? this.ttl.list;
    }
    return this.ttl[cacheClass];
  }

  /** The cached value of `key`, or `load`'s, kept as long as its class says. */
  get<T>(key: string, load: () => Promise<T>, cacheClass: CacheClassOf<T>) {
    if (cacheClass === 'none') return load();
    return this.store.get(key, load, value =>
      this.lifetimeOf(
        typeof cacheClass === 'function' ? cacheClass(value) : cacheClass,
      ),
    );
  }

  put<T>(key: string, value: T, cacheClass: CacheClass): Promise<void> {
    return this.store.put(key, value, this.lifetimeOf(cacheClass));
  }

  /** Keeps a value for a lifetime of its own (an index outliving its refresh interval). */
  putFor<T>(key: string, value: T, ttlMs: number): Promise<void> {
    return this.store.put(key, value, ttlMs);
  }

  /** See {@link ReadCache.forget}. */
  forget(key: string): Promise<void> {
    return this.store.forget(key);
  }

  peek<T>(key: string): Promise<T | undefined> {
    return this.store.peek<T>(key);
  }

  peekShared<T>(key: string): Promise<T | undefined> {
    return this.store.peekShared<T>(key);
  }

  /** See {@link ReadCache.within}. */
  within<T>(scope: ReadScope, read: () => Promise<T>): Promise<T> {
    return this.store.within(scope, read);
  }

  coalesce<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.store.coalesce(key, load);
  }

  fallback<T>(error: unknown, key: string): T | undefined {
    return this.store.fallback<T>(error, key);
  }
}

import { Config } from '@backstage/config';
import { FRESH_READ_HEADER } from '@ecs-deploy/plugin-ecs-deploy-common';
import { RequestHandler } from 'express';
import { ClassedCache } from '../cache/ClassedCache';

/**
 * Whether `coreServices.cache` is one store for every replica (Redis and the
 * like) rather than this process's memory, Backstage's default.
 */
export function cacheSharedByReplicas(rootConfig: Config): boolean {
  return (
    (rootConfig.getOptionalString('backend.cache.store') ?? 'memory') !==
    'memory'
  );
}

/**
 * A read that follows a signal (`X-Ecs-Deploy-Fresh: 1`) is answered from
 * the shared cache, past this replica's memory: the watcher that signalled
 * may run on another replica, and wrote there first. It costs a shared-cache
 * read per value, never an AWS call more.
 *
 * When the cache is this process's memory, nothing but this process writes
 * to it, and the replica's copies are never older than it: the read is
 * answered as any other, rather than deserialising the stored copy of each
 * value for each of the viewers a signal brings at once.
 */
export function freshReads(
  cache: ClassedCache,
  options: { sharedByReplicas: boolean },
): RequestHandler {
  return (req, _res, next) => {
    if (
      !options.sharedByReplicas ||
      req.method !== 'GET' ||
      req.header(FRESH_READ_HEADER) !== '1'
    ) {
      next();
      return;
    }
    cache.within({ skipMemory: true }, async () => next()).catch(next);
  };
}

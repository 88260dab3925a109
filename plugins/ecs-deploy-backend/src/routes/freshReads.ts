import { FRESH_READ_HEADER } from '@ecs-deploy/plugin-ecs-deploy-common';
import { RequestHandler } from 'express';
import { ClassedCache } from '../cache/ClassedCache';

/**
 * A read that follows a signal (`X-Ecs-Deploy-Fresh: 1`) is answered from
 * the shared cache, past this replica's memory: the watcher that signalled
 * may run on another replica, and wrote there first. It costs a shared-cache
 * read per value, never an AWS call more.
 */
export function freshReads(cache: ClassedCache): RequestHandler {
  return (req, _res, next) => {
    if (req.method !== 'GET' || req.header(FRESH_READ_HEADER) !== '1') {
      next();
      return;
    }
    cache.within({ skipMemory: true }, async () => next()).catch(next);
  };
}

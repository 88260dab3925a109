import { readService } from '../service/aws/ecsReads';
import { LoadedEnvironment } from '../service/EnvironmentContext';
import { ActionContext } from './types';

/**
 * The environment with its service read from ECS now, bypassing the cache
 * and its stale-if-error answers: an action deciding on what runs must not
 * decide on what ran up to a cache lifetime ago.
 */
export async function withFreshService(
  ctx: ActionContext,
  loaded: LoadedEnvironment,
): Promise<LoadedEnvironment> {
  const svc = loaded.env.service;
  if (!svc) return loaded;
  return { ...loaded, service: await readService(ctx.reads, svc) };
}

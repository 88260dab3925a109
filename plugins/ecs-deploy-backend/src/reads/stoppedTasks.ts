import { StoppedTasksResponse } from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../aws/cacheKeys';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { taskBasics } from '../mapping/task';
import { iso } from '../mapping/time';
import { ReadContext } from './ReadContext';

/** Stopped tasks of an environment's service, newest first (cached briefly). */
export async function readStoppedTasks(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<StoppedTasksResponse> {
  const { env } = loaded;
  if (!env.service) return { environment: env.name, items: [] };
  const service = env.service;
  const items = await ctx.cache.get(
    cacheKeys.ecsStoppedTasks(service.arn),
    async () => {
      const tasks = await ctx.aws.ecs.stoppedTasks(service);
      return tasks
        .map(t => ({
          ...taskBasics(t),
          ...(t.stopCode ? { stopCode: t.stopCode } : {}),
          ...(t.stoppedReason ? { stoppedReason: t.stoppedReason } : {}),
          ...(iso(t.stoppedAt) ? { stoppedAt: iso(t.stoppedAt) } : {}),
          containers: (t.containers ?? []).map(c => ({
            name: c.name ?? '',
            ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
            ...(c.reason ? { reason: c.reason } : {}),
            ...(c.image ? { image: c.image } : {}),
            ...(c.imageDigest ? { imageDigest: c.imageDigest } : {}),
          })),
        }))
        .sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? ''));
    },
    'list',
  );
  return { environment: env.name, items };
}

import {
  DeploymentSummary,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ReadContext } from './aws/ReadContext';

/** Finished deployments do not change: cache them long; moving ones briefly. */
export function summaryTtl(
  ctx: ReadContext,
  summary: DeploymentSummary,
): number {
  return isActiveStatus(summary.status) ? ctx.ttl.active : ctx.ttl.finished;
}

/**
 * Describes ids through the cache: hits come from the cache, all misses are
 * fetched with one batched call. Returns summaries in the order of `ids`,
 * leaving out ids AWS no longer knows.
 */
export async function cachedBatch(
  ctx: ReadContext,
  prefix: string,
  ids: string[],
  fetchMisses: (ids: string[]) => Promise<Map<string, DeploymentSummary>>,
): Promise<DeploymentSummary[]> {
  const key = (id: string) => `${prefix}:${id}`;
  const found = new Map<string, DeploymentSummary>();
  const missing: string[] = [];
  await Promise.all(
    ids.map(async id => {
      // ReadCache.get with a loader that throws would not batch, so peek.
      const hit = await ctx.cache.peek<DeploymentSummary>(key(id));
      if (hit) found.set(id, hit);
      else missing.push(id);
    }),
  );
  if (missing.length) {
    let fetched: Map<string, DeploymentSummary>;
    try {
      fetched = await ctx.cache.coalesce(
        `${prefix}:batch:${missing.join(',')}`,
        () => fetchMisses(missing),
      );
    } catch (error) {
      // Throttled: answer with what these ids were moments ago, if all known.
      const stale = missing.map(id =>
        ctx.cache.fallback<DeploymentSummary>(error, key(id)),
      );
      if (stale.some(s => s === undefined)) throw error;
      missing.forEach((id, i) => found.set(id, stale[i]!));
      fetched = new Map();
    }
    await Promise.all(
      [...fetched].map(async ([id, summary]) => {
        found.set(id, summary);
        await ctx.cache.put(key(id), summary, summaryTtl(ctx, summary));
      }),
    );
  }
  return ids.flatMap(id => {
    const summary = found.get(id);
    return summary ? [summary] : [];
  });
}

import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../aws/cacheKeys';
import { classOfStatus } from '../cache/ClassedCache';
import { ReadContext } from '../reads/ReadContext';

/**
 * Describes ids through the cache, each summary kept as long as its status
 * says: hits come from the cache, all misses are fetched with one batched
 * call. Returns summaries in the order of `ids`, leaving out ids AWS no
 * longer knows.
 */
export async function cachedBatch(
  ctx: ReadContext,
  prefix: string,
  ids: string[],
  fetchMisses: (ids: string[]) => Promise<Map<string, DeploymentSummary>>,
): Promise<DeploymentSummary[]> {
  const key = (id: string) => cacheKeys.member(prefix, id);
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
      fetched = await ctx.cache.coalesce(cacheKeys.batch(prefix, missing), () =>
        fetchMisses(missing),
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
        await ctx.cache.put(key(id), summary, classOfStatus(summary.status));
      }),
    );
  }
  return ids.flatMap(id => {
    const summary = found.get(id);
    return summary ? [summary] : [];
  });
}

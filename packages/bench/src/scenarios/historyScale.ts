import type { RunningSandbox } from '@ecs-deploy/aws-sandbox';
import { BackendUnderTest, entityPath } from '../backendUnderTest';
import { cursorOfPage, measure } from './endpoints';

export interface HistoryScaleResult {
  entity: string;
  deployments: number;
  page: number;
  coldCalls: number;
  coldMs: number;
  coldCounts: Record<string, number>;
  warmCalls: number;
  warmMs: number;
  items: number;
  status: number;
}

/**
 * Pages 1 and `deepPage` of an entity with a very long history: cold on the
 * measured backend (the cursor for the deep page comes from the walker, which
 * paged there first), then once more warm.
 */
export async function runHistoryScale(options: {
  sb: RunningSandbox;
  measured: BackendUnderTest;
  walker: BackendUnderTest;
  name: string;
  deployments: number;
  pages: number[];
  latencyMs: number;
}): Promise<HistoryScaleResult[]> {
  const { sb, measured, walker, name, latencyMs } = options;
  const results: HistoryScaleResult[] = [];
  for (const page of options.pages) {
    const cursor =
      page > 1 ? `&cursor=${await cursorOfPage(walker, name, page)}` : '';
    const path = `${entityPath(name)}/history?limit=25${cursor}`;
    const cold = await measure(sb, measured, path, latencyMs);
    const warm = await measure(sb, measured, path, latencyMs);
    results.push({
      entity: name,
      deployments: options.deployments,
      page,
      coldCalls: cold.calls,
      coldMs: Math.round(cold.ms),
      coldCounts: cold.counts,
      warmCalls: warm.calls,
      warmMs: Math.round(warm.ms),
      items: ((cold.outcome.body as any)?.items ?? []).length,
      status: cold.status,
    });
  }
  return results;
}

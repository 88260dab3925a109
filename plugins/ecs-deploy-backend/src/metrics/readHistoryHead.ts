import { Entity } from '@backstage/catalog-model';
import { HistoryService } from '../history/HistoryService';
import { LIST_PAGE_SIZE } from '../history/HistorySource';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { HeadEntry, headEntries } from './headEntries';
import { yieldToEventLoop } from './yieldToEventLoop';

/** What reading an environment's history from its newest entry found. */
export interface HeadRead {
  /** Newest first, up to (without) `stopAt`. */
  entries: HeadEntry[];
  /** Whether `stopAt` was met; if not, the whole history (to the horizon) was read. */
  reachedStop: boolean;
}

/**
 * Reads one environment's history a page at a time from its newest entry
 * until the entry `stopAt`, the last page, or a page reaching back past
 * `horizon` (epoch ms; older entries count in no window). Between pages it
 * yields, so a long history is many short slices.
 */
export async function readHistoryHead(
  history: Pick<HistoryService, 'page'>,
  entity: Entity,
  entityRef: string,
  env: ResolvedEnvironment,
  options: { stopAt?: string; horizon: number },
): Promise<HeadRead> {
  const entries: HeadEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await history.page(entity, entityRef, {
      environment: env.name,
      limit: LIST_PAGE_SIZE,
      cursor,
    });
    for (const entry of headEntries(page.items)) {
      if (entry.id === options.stopAt) return { entries, reachedStop: true };
      entries.push(entry);
    }
    const oldest = entries[entries.length - 1]?.startedAt;
    if (oldest !== undefined && oldest < options.horizon) break;
    cursor = page.nextCursor;
    await yieldToEventLoop();
  } while (cursor);
  return { entries, reachedStop: false };
}

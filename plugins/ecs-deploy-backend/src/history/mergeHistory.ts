import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { SourcePosition } from './cursor';
import { HistorySource } from './HistorySource';

interface StreamState {
  source: HistorySource;
  position: SourcePosition;
  buffer: DeploymentSummary[];
}

/** Newest first; ties broken by id so the order is total and stable. */
export function compareNewestFirst(
  a: DeploymentSummary,
  b: DeploymentSummary,
): number {
  const ta = a.startedAt ? Date.parse(a.startedAt) : 0;
  const tb = b.startedAt ? Date.parse(b.startedAt) : 0;
  if (ta !== tb) return tb - ta;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

/**
 * Loads the next slice of a stream into its buffer, moving to the next AWS
 * page when the current one is used up. Leaves the buffer empty only when the
 * stream is exhausted.
 */
async function fill(state: StreamState, chunkSize: number): Promise<void> {
  while (!state.buffer.length && !state.position.done) {
    const page = await state.source.list(state.position.token);
    const { offset } = state.position;
    if (offset >= page.ids.length) {
      if (page.nextToken) {
        state.position = { token: page.nextToken, offset: 0 };
      } else {
        state.position = { ...state.position, done: true };
      }
      continue;
    }
    const ids = page.ids.slice(offset, offset + chunkSize);
    state.buffer = await state.source.describe(state.position.token, ids);
    if (!state.buffer.length) {
      // Entries vanished between list and describe: skip them.
      state.position = { ...state.position, offset: offset + ids.length };
    }
  }
}

/**
 * Merges newest-first streams into one page of `limit` entries that pass
 * `filter`, starting from `positions` and returning where each stream
 * stands. Only as many AWS pages and describe calls are made as the page
 * needs (plus one look-ahead slice per stream to know whether more exist).
 */
export async function mergeHistory(options: {
  sources: HistorySource[];
  positions: Record<string, SourcePosition>;
  limit: number;
  filter: (item: DeploymentSummary) => boolean;
  /**
   * Most entries to look at in one request. A filter that matches rarely
   * would otherwise read a whole long history in one go; past this the page
   * comes back short, with a cursor to go on.
   */
  maxScanned?: number;
}): Promise<{
  items: DeploymentSummary[];
  positions: Record<string, SourcePosition>;
  exhausted: boolean;
}> {
  const { sources, limit, filter } = options;
  const chunkSize = Math.max(5, Math.min(limit, 20));
  const states: StreamState[] = sources.map(source => ({
    source,
    position: options.positions[source.key] ?? { offset: 0 },
    buffer: [],
  }));
  const items: DeploymentSummary[] = [];
  const maxScanned = options.maxScanned ?? 500;
  let scanned = 0;

  while (items.length < limit && scanned < maxScanned) {
    await Promise.all(states.map(s => fill(s, chunkSize)));
    let best: StreamState | undefined;
    for (const s of states) {
      if (!s.buffer.length) continue;
      if (!best || compareNewestFirst(s.buffer[0], best.buffer[0]) < 0) {
        best = s;
      }
    }
    if (!best) break;
    const item = best.buffer.shift()!;
    best.position = { ...best.position, offset: best.position.offset + 1 };
    scanned++;
    if (filter(item)) items.push(item);
  }

  // Look ahead so the last page does not hand out a cursor to nothing.
  await Promise.all(states.map(s => fill(s, chunkSize)));
  const exhausted = states.every(s => !s.buffer.length);
  return {
    items,
    positions: Object.fromEntries(states.map(s => [s.source.key, s.position])),
    exhausted,
  };
}

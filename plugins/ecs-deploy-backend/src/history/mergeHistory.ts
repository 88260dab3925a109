import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { SourcePosition } from './cursor';
import { HistorySource } from './HistorySource';

interface StreamState {
  source: HistorySource;
  position: SourcePosition;
  buffer: DeploymentSummary[];
  /** A holding stream's buffered entries: the history ids each holds. */
  held: Map<string, string[]>;
}

/** Where an entry is: its environment and history id. */
const placeOf = (item: { environment: string; id: string }) =>
  `${item.environment}|${item.id}`;

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
 * stream is exhausted. A new slice is linked to the releases (`link`).
 */
async function fill(
  state: StreamState,
  chunkSize: number,
  link: (state: StreamState) => Promise<void>,
): Promise<void> {
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
    } else {
      await link(state);
    }
  }
}

/**
 * What the merge knows of releases: which entries a holding stream's
 * entries hold. Filled slice by slice from both sides, so an entry is
 * known to be held before it could be shown, whichever comes first: the
 * holder's slice names it (`heldBy`), or its own slice is asked about
 * (`holderOf`, which reads far enough back to answer for any page).
 */
function releaseLinker(states: StreamState[]) {
  const holderOf = new Map<string, string>();
  /** Entries of non-holding streams passed so far, held or shown. */
  const passed = new Map<string, DeploymentSummary>();
  const inEnvironment = (env: string | undefined) =>
    states.filter(s => s.source.environment === env);

  const readHeld = async (state: StreamState) => {
    const heldIds = await state.source.holds!.heldBy(state.buffer);
    state.buffer.forEach((item, i) => {
      const ids = heldIds[i] ?? [];
      for (const id of ids) {
        holderOf.set(placeOf({ environment: item.environment, id }), item.id);
      }
      if (ids.length) state.held.set(item.id, ids);
    });
  };

  const askHolders = async (state: StreamState) => {
    const holders = inEnvironment(state.source.environment).filter(
      s => s.source.holds,
    );
    await Promise.all(
      holders.map(async holder => {
        const owners = await holder.source.holds!.holderOf(state.buffer);
        state.buffer.forEach((item, i) => {
          const owner = owners[i];
          if (owner) holderOf.set(placeOf(item), owner);
        });
      }),
    );
  };

  const isHeld = (state: StreamState, item: DeploymentSummary) =>
    !state.source.holds && holderOf.has(placeOf(item));

  return {
    link: (state: StreamState) =>
      state.source.holds ? readHeld(state) : askHolders(state),
    isHeld,
    /** Whether the holding streams of a stream's environment have no entries left. */
    holdersDone: (state: StreamState) =>
      !state.source.holds &&
      inEnvironment(state.source.environment).every(
        s => !s.source.holds || !s.buffer.length,
      ),
    /**
     * Whether an entry shows inside a release rather than on its own
     * (remembered: its release, newer or on the next page, shows it).
     */
    passOver(state: StreamState, item: DeploymentSummary): boolean {
      if (!state.source.holds) passed.set(placeOf(item), item);
      return isHeld(state, item);
    },
    /**
     * The entries a holding stream's entry holds, newest last: as passed
     * over in their own streams (they started after it, so they came
     * first), else read by id (passed over on an earlier page).
     */
    async heldOf(
      state: StreamState,
      item: DeploymentSummary,
    ): Promise<DeploymentSummary[] | undefined> {
      const ids = state.held.get(item.id);
      if (!ids) return undefined;
      state.held.delete(item.id);
      const place = (id: string) =>
        placeOf({ environment: item.environment, id });
      const missing = ids.filter(id => !passed.has(place(id)));
      if (missing.length) {
        const read = await Promise.all(
          inEnvironment(item.environment).flatMap(s =>
            s.source.describeEntries ? [s.source.describeEntries(missing)] : [],
          ),
        );
        for (const d of read.flat()) passed.set(placeOf(d), d);
      }
      const held = ids.flatMap(id => passed.get(place(id)) ?? []);
      return held.length ? held.sort(compareNewestFirst).reverse() : undefined;
    },
  };
}

/**
 * Merges newest-first streams into one page of `limit` entries that pass
 * `filter`, starting from `positions` and returning where each stream
 * stands. Only as many AWS pages and describe calls are made as the page
 * needs (plus one look-ahead slice per stream to know whether more exist).
 *
 * Entries are releases: an entry of a holding stream (a pipeline
 * execution) carries the entries it holds in `deployments` and takes its
 * place by its own start; a held entry is passed over where its own stream
 * has it. So no page repeats or splits a release. A release passes `filter`
 * when it or one of its deployments does.
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
    held: new Map(),
  }));
  const releases = releaseLinker(states);
  const fillAll = () =>
    Promise.all(states.map(s => fill(s, chunkSize, releases.link)));
  const items: DeploymentSummary[] = [];
  const maxScanned = options.maxScanned ?? 500;
  let scanned = 0;

  while (items.length < limit && scanned < maxScanned) {
    await fillAll();
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
    if (releases.passOver(best, item)) continue;
    const held = await releases.heldOf(best, item);
    const entry = held ? { ...item, deployments: held } : item;
    if (filter(entry) || held?.some(filter)) items.push(entry);
  }

  // Look ahead so the last page does not hand out a cursor to nothing
  // (entries held by releases already shown are nothing either).
  await fillAll();
  const exhausted = states.every(
    s =>
      !s.buffer.length ||
      (releases.holdersDone(s) && s.buffer.every(i => releases.isHeld(s, i))),
  );
  return {
    items,
    positions: Object.fromEntries(states.map(s => [s.source.key, s.position])),
    exhausted,
  };
}

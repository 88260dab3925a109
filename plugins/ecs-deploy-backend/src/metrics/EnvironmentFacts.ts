import { Entity } from '@backstage/catalog-model';
import {
  DeliveryFact,
  deliveryMetricsWindow,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { randomUUID } from 'node:crypto';
import { ClassedCache } from '../cache/ClassedCache';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { HistoryService } from '../history/HistoryService';
import { HeadEntry, splitSettled } from './headEntries';
import { metricsCacheKeys } from './metricsCacheKeys';
import { readHistoryHead } from './readHistoryHead';
import { yieldToEventLoop } from './yieldToEventLoop';

/** The longest window the metrics answer for, in days. */
export const MAX_WINDOW_DAYS = 365;
/** Settled facts per cached segment (about 150 kB of JSON). */
export const SEGMENT_SIZE = 1000;
/** How long settled facts are kept before the history is read in full again. */
export const TAIL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** What the cache keeps of one environment's history (see {@link EnvironmentFacts}). */
interface FactSnapshot {
  /** When the full read began; the snapshot and its segments expire TAIL_LIFETIME_MS later. */
  builtAt: number;
  /** When its head was read. */
  readAt: number;
  /** The newest settled entry: it and every older entry never change. */
  boundary?: string;
  /** Facts of the entries newer than the boundary, newest first. */
  head: DeliveryFact[];
  /** The segments of settled facts, newest first. */
  segments: Array<{ id: string; size: number }>;
}

/** AWS throttling or failing, as the gateways report it: worth answering a moment-old value. */
const isTransient = (error: unknown) =>
  (error as Error | undefined)?.name === 'ServiceUnavailableError';

const factsOf = (entries: HeadEntry[]) => entries.flatMap(e => e.facts);

/** Splits facts (newest first) into segments, the oldest ones full. */
function chunks(facts: DeliveryFact[]): DeliveryFact[][] {
  const out: DeliveryFact[][] = [];
  for (let end = facts.length; end > 0; end -= SEGMENT_SIZE) {
    out.unshift(facts.slice(Math.max(0, end - SEGMENT_SIZE), end));
  }
  return out;
}

/**
 * The delivery facts of an environment's whole history (back to the
 * longest window), kept in the cache and brought up to date incrementally.
 *
 * Finished deployments never change, so the history splits at a boundary:
 * the newest entry that, with every entry older than it, is settled
 * (finished, not a retryable latest pipeline execution). The facts of
 * settled entries are kept in segments of SEGMENT_SIZE for
 * TAIL_LIFETIME_MS from the first full read; the facts of newer entries
 * (the head) are kept with the snapshot. When the snapshot is older than
 * the history's list lifetime, only the head is read again: pages from the
 * newest entry down to the boundary, usually one page. What has settled
 * since joins the newest segment, or opens a new one. A missing segment, a
 * boundary no longer found, or the end of the tail's lifetime means one
 * full read again. Reads of one environment in this process are coalesced;
 * replicas may both refresh, and each writes segments under fresh ids, so
 * a snapshot never names another's segments.
 */
export class EnvironmentFacts {
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      history: Pick<HistoryService, 'page'>;
      cache: ClassedCache;
      now?: () => number;
    },
  ) {
    this.now = deps.now ?? Date.now;
  }

  /** The facts of every deployment of the environment, newest first. */
  async of(
    entity: Entity,
    entityRef: string,
    env: ResolvedEnvironment,
  ): Promise<DeliveryFact[]> {
    const { cache } = this.deps;
    const key = metricsCacheKeys.snapshot(env);
    const cached = await cache.peek<FactSnapshot>(key);
    if (cached && this.now() - cached.readAt < cache.lifetimeOf('list')) {
      const tail = await this.segments(env, cached);
      if (tail) return [...cached.head, ...tail];
    }
    return cache.coalesce(metricsCacheKeys.refresh(env), () =>
      this.refresh(entity, entityRef, env, cached),
    );
  }

  private async refresh(
    entity: Entity,
    entityRef: string,
    env: ResolvedEnvironment,
    previous: FactSnapshot | undefined,
  ): Promise<DeliveryFact[]> {
    const readAt = this.now();
    const horizon = deliveryMetricsWindow(readAt, MAX_WINDOW_DAYS).start;
    const previousTail = previous && (await this.segments(env, previous));
    const usable =
      previous?.boundary !== undefined &&
      previousTail !== undefined &&
      previous.builtAt + TAIL_LIFETIME_MS > readAt
        ? previous
        : undefined;

    let read;
    try {
      read = await readHistoryHead(this.deps.history, entity, entityRef, env, {
        stopAt: usable?.boundary,
        horizon,
      });
    } catch (error) {
      // Throttled or failing: the facts of a moment ago rather than none.
      if (!previous || !previousTail || !isTransient(error)) throw error;
      return [...previous.head, ...previousTail];
    }
    const { head, settled } = splitSettled(read.entries, readAt);
    const extended = usable && read.reachedStop ? usable : undefined;
    const snapshot: FactSnapshot = {
      builtAt: extended?.builtAt ?? readAt,
      readAt,
      boundary: settled[0]?.id ?? extended?.boundary,
      head: factsOf(head),
      segments: extended ? [...extended.segments] : [],
    };
    const tail = extended ? previousTail! : [];
    const newlySettled = factsOf(settled);
    await this.store(env, snapshot, newlySettled, tail);
    return [...snapshot.head, ...newlySettled, ...tail];
  }

  /** Writes the newly settled facts into segments, then the snapshot naming them. */
  private async store(
    env: ResolvedEnvironment,
    snapshot: FactSnapshot,
    newlySettled: DeliveryFact[],
    tail: DeliveryFact[],
  ): Promise<void> {
    const { cache } = this.deps;
    const ttl = snapshot.builtAt + TAIL_LIFETIME_MS - this.now();
    if (ttl <= 0) return;
    let fresh = newlySettled;
    const newest = snapshot.segments[0];
    if (fresh.length && newest && newest.size < SEGMENT_SIZE) {
      // Fill the newest segment up rather than open a small one each time.
      fresh = [...fresh, ...tail.slice(0, newest.size)];
      snapshot.segments.shift();
    }
    const written = chunks(fresh).map(facts => ({
      id: randomUUID(),
      size: facts.length,
      facts,
    }));
    for (const segment of written) {
      await cache.putFor(
        metricsCacheKeys.segment(env, segment.id),
        segment.facts,
        ttl,
      );
      await yieldToEventLoop();
    }
    snapshot.segments.unshift(...written.map(({ id, size }) => ({ id, size })));
    await cache.putFor(metricsCacheKeys.snapshot(env), snapshot, ttl);
  }

  /** The settled facts a snapshot names, newest first; undefined when one segment is gone. */
  private async segments(
    env: ResolvedEnvironment,
    snapshot: FactSnapshot,
  ): Promise<DeliveryFact[] | undefined> {
    const parts = await Promise.all(
      snapshot.segments.map(s =>
        this.deps.cache.peek<DeliveryFact[]>(
          metricsCacheKeys.segment(env, s.id),
        ),
      ),
    );
    if (parts.some(p => p === undefined)) return undefined;
    return (parts as DeliveryFact[][]).flat();
  }
}

import {
  DeliveryFact,
  DeploymentSummary,
  deliveryFactsByEntry,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * How long after its start an entry may still be joined by an older one
 * that AWS lists late: none is taken as settled sooner.
 */
export const SETTLE_MARGIN_MS = 10 * 60_000;

/** A history entry as the metrics keep it while reading. */
export interface HeadEntry {
  /** The history id, where a later read stops. */
  id: string;
  facts: DeliveryFact[];
  /** It, or a deployment it holds, is still moving. */
  active: boolean;
  /** A pipeline execution that did not succeed: its failed stage can be retried while it is its pipeline's latest. */
  retryable: boolean;
  isPipeline: boolean;
  startedAt?: number;
}

/** The entries of one history page, with their facts. */
export function headEntries(items: readonly DeploymentSummary[]): HeadEntry[] {
  const facts = deliveryFactsByEntry(items);
  return items.map((item, i) => {
    const startedAt = item.startedAt ? Date.parse(item.startedAt) : NaN;
    return {
      id: item.id,
      facts: facts[i],
      active: [item, ...(item.deployments ?? [])].some(d =>
        isActiveStatus(d.status),
      ),
      isPipeline: item.kind === 'pipeline',
      retryable: item.kind === 'pipeline' && item.status !== 'SUCCEEDED',
      ...(Number.isNaN(startedAt) ? {} : { startedAt }),
    };
  });
}

/**
 * Splits entries read newest first into those that may still change (the
 * head) and the oldest run of entries that never will (settled): finished,
 * started before the margin, and not a retryable latest pipeline execution
 * (AWS retries only the latest; an older one stays as it is). Entries older
 * than those read are settled already.
 */
export function splitSettled(
  entries: readonly HeadEntry[],
  readAt: number,
): { head: HeadEntry[]; settled: HeadEntry[] } {
  const latestPipeline = entries.find(e => e.isPipeline);
  const isSettled = (e: HeadEntry) =>
    !e.active &&
    !(e === latestPipeline && e.retryable) &&
    (e.startedAt === undefined || e.startedAt < readAt - SETTLE_MARGIN_MS);
  let k = entries.length;
  while (k > 0 && isSettled(entries[k - 1])) k--;
  return { head: entries.slice(0, k), settled: entries.slice(k) };
}

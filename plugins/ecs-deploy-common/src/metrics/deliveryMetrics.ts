import type {
  DeliveryMetric,
  DeliveryMetrics,
  DeploymentStatus,
  DeploymentSummary,
} from '../api';
import { DeliveryFact, deliveryFacts } from './deliveryFacts';

const DAY = 24 * 60 * 60 * 1000;

const FINISHED: ReadonlySet<DeploymentStatus> = new Set([
  'SUCCEEDED',
  'FAILED',
  'ROLLED_BACK',
  'STOPPED',
]);

/**
 * What the delivery metrics are computed over: the window ends at `now`
 * (epoch milliseconds) and reaches `windowDays` back, in whole buckets.
 *
 * @public
 */
export interface DeliveryMetricsOptions {
  now: number;
  windowDays: number;
  /** One environment; all of them when absent. */
  environment?: string;
}

/**
 * The buckets of a window: a day each up to 30 days, else a week; the
 * window starts where its first bucket does.
 *
 * @public
 */
export function deliveryMetricsWindow(
  now: number,
  windowDays: number,
): { bucketDays: number; bucketCount: number; start: number } {
  const bucketDays = windowDays <= 30 ? 1 : 7;
  const bucketCount = Math.ceil(windowDays / bucketDays);
  return {
    bucketDays,
    bucketCount,
    start: now - bucketCount * bucketDays * DAY,
  };
}

/** Moves the k-th smallest of `a` to `a[k]`, smaller ones before it (Hoare's quickselect). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

/** The middle value, or the mean of the two middles; in linear time (a whole history's in about a millisecond). */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const a = Float64Array.from(values);
  const mid = a.length >> 1;
  const upper = select(a, mid);
  if (a.length % 2) return upper;
  // Everything before `mid` is at most `upper`: the lower middle is their largest.
  let lower = a[0];
  for (let i = 1; i < mid; i++) if (a[i] > lower) lower = a[i];
  return (lower + upper) / 2;
}

/**
 * For each failure among `deployments` (oldest first), the first success
 * after it in its service and environment, by position, in linear time: a
 * success is "after" a failure when it started at the same time or later.
 */
function nextSuccesses(
  deployments: readonly DeliveryFact[],
): Array<DeliveryFact | undefined> {
  const streams = new Map<string, number[]>();
  deployments.forEach((d, i) => {
    const key = d.service ? `${d.service}|${d.environment}` : d.environment;
    const stream = streams.get(key);
    if (stream) stream.push(i);
    else streams.set(key, [i]);
  });
  const next = new Array<DeliveryFact | undefined>(deployments.length);
  for (const stream of streams.values()) {
    // successFrom[p]: the first success at stream position p or later.
    const successFrom = new Array<number | undefined>(stream.length + 1);
    for (let p = stream.length - 1; p >= 0; p--) {
      successFrom[p] =
        deployments[stream[p]].status === 'SUCCEEDED' ? p : successFrom[p + 1];
    }
    let sameStart = 0;
    stream.forEach((index, p) => {
      const d = deployments[index];
      if (d.startedAt !== deployments[stream[sameStart]].startedAt) {
        sameStart = p;
      }
      if (!d.failed) return;
      let found = successFrom[sameStart];
      if (found === p) found = successFrom[p + 1];
      if (found !== undefined) next[index] = deployments[stream[found]];
    });
  }
  return next;
}

/**
 * Delivery metrics (the DORA four plus median duration) of deployment
 * facts (see `deliveryFacts`). The deployment's end stands for "traffic
 * shifted": that is when the new version took all production traffic.
 *
 * @public
 */
export function deliveryMetricsOfFacts(
  facts: readonly DeliveryFact[],
  options: DeliveryMetricsOptions,
): DeliveryMetrics {
  const { now, windowDays, environment } = options;
  const window = deliveryMetricsWindow(now, windowDays);
  const { bucketDays, bucketCount, start: windowStart } = window;

  const deployments = facts
    .filter(
      d =>
        (!environment || d.environment === environment) &&
        d.startedAt >= windowStart &&
        d.startedAt <= now,
    )
    .sort((a, b) => a.startedAt - b.startedAt);

  const bucketOf = (d: DeliveryFact) =>
    Math.min(
      bucketCount - 1,
      Math.floor((d.startedAt - windowStart) / (bucketDays * DAY)),
    );
  const bucketOfIndex = deployments.map(bucketOf);
  const perBucket = <T>(
    pick: (d: DeliveryFact, index: number) => T | undefined,
  ) => {
    const buckets: T[][] = Array.from({ length: bucketCount }, () => []);
    deployments.forEach((d, i) => {
      const v = pick(d, i);
      if (v !== undefined) buckets[bucketOfIndex[i]].push(v);
    });
    return buckets;
  };
  const starts = Array.from({ length: bucketCount }, (_, i) =>
    new Date(windowStart + i * bucketDays * DAY).toISOString().slice(0, 10),
  );
  const metric = (
    values: Array<number | undefined>,
    total: number | undefined,
  ): DeliveryMetric => ({
    value: total,
    buckets: values.map((value, i) => ({ start: starts[i], value })),
  });

  // Frequency
  const counts = perBucket(() => 1).map(b => b.length);

  // Change failure rate
  const finished = perBucket(d => (FINISHED.has(d.status) ? d : undefined));
  const rate = (list: DeliveryFact[]) =>
    list.length ? list.filter(d => d.failed).length / list.length : undefined;

  // Median duration of successes
  const durations = perBucket(d =>
    d.status === 'SUCCEEDED' ? d.durationMs : undefined,
  );

  // Lead time: pipeline start → deployment end
  const leadTimes = perBucket(d =>
    d.status === 'SUCCEEDED' &&
    d.pipelineStartedAt !== undefined &&
    d.endedAt !== undefined
      ? Math.max(0, d.endedAt - d.pipelineStartedAt)
      : undefined,
  );

  // Time to restore: a failure → the next success in the same environment
  const next = nextSuccesses(deployments);
  const restores = perBucket((d, i) => {
    if (!d.failed) return undefined;
    const failedAt = d.endedAt ?? d.startedAt;
    const restoredAt = next[i]?.endedAt;
    return restoredAt !== undefined
      ? Math.max(0, restoredAt - failedAt)
      : undefined;
  });

  return {
    bucketDays,
    frequency: metric(counts, deployments.length),
    changeFailureRate: metric(finished.map(rate), rate(finished.flat())),
    medianDuration: metric(durations.map(median), median(durations.flat())),
    leadTime: metric(leadTimes.map(median), median(leadTimes.flat())),
    timeToRestore: metric(restores.map(median), median(restores.flat())),
  };
}

/**
 * Delivery metrics computed from the history timeline. Deployments are the
 * CodeDeploy and ECS entries (on their own or inside a release); pipeline
 * executions only supply the start of the lead time.
 *
 * @public
 */
export function computeDeliveryMetrics(
  items: readonly DeploymentSummary[],
  options: DeliveryMetricsOptions,
): DeliveryMetrics {
  return deliveryMetricsOfFacts(deliveryFacts(items), options);
}

import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';

const DAY = 24 * 60 * 60 * 1000;

/** One bucket of a metric over time. */
export type MetricBucket = {
  /** ISO date of the bucket's first day. */
  start: string;
  value: number | undefined;
};

/** A delivery metric: its value over the window and per bucket. */
export type Metric = {
  value: number | undefined;
  buckets: MetricBucket[];
};

/** The delivery metrics of one environment over a window. */
export type DeliveryMetrics = {
  /** Days per bucket: 1 for windows up to 30 days, else 7. */
  bucketDays: number;
  /** Deployments started, per bucket; `value` is the total. */
  frequency: Metric;
  /** Failed or rolled back among finished deployments, 0-1. */
  changeFailureRate: Metric;
  /** Median duration of successful deployments, ms. */
  medianDuration: Metric;
  /** Median time from pipeline start to the deployment's end, ms. */
  leadTime: Metric;
  /** Median time from a failure to the next success in the environment, ms. */
  timeToRestore: Metric;
};

const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'STOPPED']);

function isFailure(d: DeploymentSummary): boolean {
  return (
    d.status === 'FAILED' ||
    d.status === 'ROLLED_BACK' ||
    Boolean(d.rollback?.rolledBack)
  );
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Delivery metrics (the DORA four plus median duration) computed from the
 * history timeline. Deployments are the CodeDeploy and ECS entries (on their
 * own or inside a release); pipeline executions only supply the start of the
 * lead time. The deployment's end
 * stands for "traffic shifted": that is when the new version took all
 * production traffic.
 */
export function computeDeliveryMetrics(
  items: DeploymentSummary[],
  options: { now: number; windowDays: number; environment?: string },
): DeliveryMetrics {
  const { now, windowDays, environment } = options;
  const bucketDays = windowDays <= 30 ? 1 : 7;
  const bucketCount = Math.ceil(windowDays / bucketDays);
  const windowStart = now - bucketCount * bucketDays * DAY;

  // A release row holds the deployments its pipeline execution started.
  const inEnv = items
    .flatMap(d => [d, ...(d.deployments ?? [])])
    .filter(d => !environment || d.environment === environment);
  const pipelines = new Map(
    inEnv.filter(d => d.kind === 'pipeline').map(d => [d.id, d]),
  );
  const deployments = inEnv
    .filter(d => d.kind !== 'pipeline')
    .filter(d => {
      const t = time(d.startedAt);
      return t !== undefined && t >= windowStart && t <= now;
    })
    .sort((a, b) => time(a.startedAt)! - time(b.startedAt)!);

  const bucketOf = (d: DeploymentSummary) =>
    Math.min(
      bucketCount - 1,
      Math.floor((time(d.startedAt)! - windowStart) / (bucketDays * DAY)),
    );
  const perBucket = <T>(pick: (d: DeploymentSummary) => T | undefined) => {
    const buckets: T[][] = Array.from({ length: bucketCount }, () => []);
    for (const d of deployments) {
      const v = pick(d);
      if (v !== undefined) buckets[bucketOf(d)].push(v);
    }
    return buckets;
  };
  const starts = Array.from({ length: bucketCount }, (_, i) =>
    new Date(windowStart + i * bucketDays * DAY).toISOString().slice(0, 10),
  );
  const metric = (
    values: Array<number | undefined>,
    total: number | undefined,
  ) => ({
    value: total,
    buckets: values.map((value, i) => ({ start: starts[i], value })),
  });

  // Frequency
  const counts = perBucket(() => 1).map(b => b.length);

  // Change failure rate
  const finished = perBucket(d => (FINISHED.has(d.status) ? d : undefined));
  const rate = (list: DeploymentSummary[]) =>
    list.length ? list.filter(isFailure).length / list.length : undefined;

  // Median duration of successes
  const durations = perBucket(d =>
    d.status === 'SUCCEEDED' ? d.durationMs : undefined,
  );

  // Lead time: pipeline start → deployment end
  const leadTimes = perBucket(d => {
    const pipeline = d.links.pipelineExecutionId
      ? pipelines.get(d.links.pipelineExecutionId)
      : undefined;
    const start = time(pipeline?.startedAt);
    const end = time(d.endedAt);
    return d.status === 'SUCCEEDED' && start !== undefined && end !== undefined
      ? Math.max(0, end - start)
      : undefined;
  });

  // Time to restore: a failure → the next success in the same environment
  const restores = perBucket(d => {
    if (!isFailure(d)) return undefined;
    const failedAt = time(d.endedAt) ?? time(d.startedAt)!;
    const next = deployments.find(
      n =>
        n.status === 'SUCCEEDED' &&
        n.environment === d.environment &&
        time(n.startedAt)! >= time(d.startedAt)! &&
        n !== d,
    );
    const restoredAt = time(next?.endedAt);
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

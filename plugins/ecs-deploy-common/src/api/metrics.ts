import type { EnvironmentError, UnreadableEnvironment } from './environments';

/**
 * One bucket of a delivery metric over time.
 *
 * @public
 */
export interface DeliveryMetricBucket {
  /** ISO date of the bucket's first day. */
  start: string;
  /** Absent when the bucket has nothing to measure. */
  value?: number;
}

/**
 * A delivery metric: its value over the window and per bucket.
 *
 * @public
 */
export interface DeliveryMetric {
  /** Absent when the window has nothing to measure. */
  value?: number;
  buckets: DeliveryMetricBucket[];
}

/**
 * The delivery metrics (the DORA four plus median duration) of one
 * environment, or all, over a window.
 *
 * @public
 */
export interface DeliveryMetrics {
  /** Days per bucket: 1 for windows up to 30 days, else 7. */
  bucketDays: number;
  /** Deployments started, per bucket; `value` is the total. */
  frequency: DeliveryMetric;
  /** Failed or rolled back among finished deployments, 0-1. */
  changeFailureRate: DeliveryMetric;
  /** Median duration of successful deployments, ms. */
  medianDuration: DeliveryMetric;
  /** Median time from pipeline start to the deployment's end, ms. */
  leadTime: DeliveryMetric;
  /** Median time from a failure to the next success in the environment, ms. */
  timeToRestore: DeliveryMetric;
}

/**
 * Query of `GET /entities/:kind/:namespace/:name/metrics` and `GET /metrics`.
 *
 * @public
 */
export interface DeliveryMetricsQuery {
  /** Days back from now, 1 to 365 (the card offers 7, 30 and 90); default 30. */
  windowDays?: number;
  /** One environment; all of them when absent. */
  environment?: string;
}

/**
 * Response of `GET /entities/:kind/:namespace/:name/metrics`: the metrics
 * over the entity's whole history within the window.
 *
 * @public
 */
export interface DeliveryMetricsResponse {
  entityRef: string;
  windowDays: number;
  environment?: string;
  /** ISO 8601: the end of the window, when the metrics were computed. */
  asOf: string;
  metrics: DeliveryMetrics;
  /**
   * Environments whose deployments are not counted because their history
   * could not be read. Absent when every environment was read.
   */
  unreadable?: UnreadableEnvironment[];
}

/**
 * One entity counted in an owner's metrics.
 *
 * @public
 */
export interface OwnerMetricsEntity {
  entityRef: string;
  /** Environments of the entity not counted because they could not be read. */
  unreadable?: UnreadableEnvironment[];
  /** Set when none of the entity's history could be read; it is not counted. */
  error?: EnvironmentError;
}

/**
 * Response of `GET /metrics?owner=…`: the metrics of the deployments of
 * every entity the owner owns that has ECS Deploy annotations and that the
 * caller may read, taken together.
 *
 * @public
 */
export interface OwnerDeliveryMetricsResponse {
  /** The owner as a full entity ref, e.g. `group:default/team-x`. */
  owner: string;
  windowDays: number;
  environment?: string;
  /** ISO 8601: the end of the window, when the metrics were computed. */
  asOf: string;
  metrics: DeliveryMetrics;
  /** The entities counted, by ref. */
  entities: OwnerMetricsEntity[];
  /** The most entities one answer counts. */
  limit: number;
  /**
   * True when the owner has more entities than `limit` (or than the catalog
   * pages one answer reads): those after the first, by ref, are not counted.
   */
  truncated: boolean;
}

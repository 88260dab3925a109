import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * One newest-first stream of history entries backed by a paginated AWS list
 * (pipeline executions, CodeDeploy deployments, ECS service deployments).
 * Listing is cheap; describing entries costs calls, so the merger asks only
 * for the slice it needs.
 */
export interface HistorySource {
  /** Stable key of the stream in the cursor, e.g. `prod:codedeploy`. */
  key: string;
  /** The ids on the page at `token`, and the next token. */
  list(
    token: string | undefined,
  ): Promise<{ ids: string[]; nextToken?: string }>;
  /** Summaries for some ids of a page, in the same order. */
  describe(
    token: string | undefined,
    ids: string[],
  ): Promise<DeploymentSummary[]>;
  /** The environment the stream belongs to; entries hold only entries of their own environment. */
  environment?: string;
  /**
   * Its entries by history id, wherever they are in the stream: for the
   * entries another stream's entry holds (a deployment inside the pipeline
   * execution that started it), read when that entry is shown.
   */
  describeEntries?(historyIds: string[]): Promise<DeploymentSummary[]>;
  /** For a stream whose entries hold other streams' entries (pipeline executions). */
  holds?: HoldingStream;
}

/**
 * A stream whose entries hold entries of the other streams of their
 * environment: a pipeline execution and the deployments it started are one
 * release. The merge shows the held entries inside their holder and never
 * on their own, on any page.
 */
export interface HoldingStream {
  /** The history ids each of `items` (its own entries) holds. */
  heldBy(items: DeploymentSummary[]): Promise<string[][]>;
  /**
   * For entries of the other streams of its environment: the id of its
   * entry that holds each, or undefined when none does.
   */
  holderOf(items: DeploymentSummary[]): Promise<Array<string | undefined>>;
}

/**
 * Page size asked of AWS list calls: the most they allow, so a history page
 * (25, or 100 for the delivery metrics) rarely needs a second list call in
 * sequence. Cursors hold tokens of this size: keep it fixed.
 */
export const LIST_PAGE_SIZE = 100;

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
}

/**
 * Page size asked of AWS list calls: the most they allow, so a history page
 * (25, or 100 for the delivery metrics) rarely needs a second list call in
 * sequence. Cursors hold tokens of this size: keep it fixed.
 */
export const LIST_PAGE_SIZE = 100;

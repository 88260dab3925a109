import {
  ecsDeployApprovePermission,
  ecsDeployContinuePermission,
  ecsDeployPromotePermission,
  ecsDeployReleasePermission,
  ecsDeployRollbackPermission,
  ecsDeployStartPermission,
} from './permissions';
import type { Page } from './api';

// The HTTP contract of the promotion endpoints, written from the
// frontend side so the controls could be built before the backend: the
// backend implements these shapes and paths.

/**
 * The actions the promotion endpoints perform, one per
 * `POST /entities/:kind/:namespace/:name/actions/:action`.
 *
 * - `continue`: continue a deployment waiting for traffic rerouting
 *   (CodeDeploy `READY_WAIT`) or at an ECS pause hook.
 * - `finish-early`: terminate the original task set now (CodeDeploy
 *   `TERMINATION_WAIT`).
 * - `rollback`: stop an in-progress deployment and roll it back.
 * - `approve`: approve or reject a pending manual approval.
 * - `start-pipeline`, `retry-stage`: CodePipeline executions.
 * - `promote`: give the image running in `from` the environment tag of the
 *   target environment in ECR.
 * - `start-release`, `shift-traffic`, `promote-release`, `abort-release`: a
 *   release of an EXTERNAL-controller service, moved by the portal: a new
 *   task set on the free target group taking test traffic, production
 *   traffic shifted to it by listener weights, then made primary with the
 *   old task set deleted; or aborted, traffic back and the new task set gone.
 *
 * @public
 */
export type EcsDeployActionName =
  | 'continue'
  | 'finish-early'
  | 'rollback'
  | 'approve'
  | 'start-pipeline'
  | 'retry-stage'
  | 'promote'
  | 'start-release'
  | 'shift-traffic'
  | 'promote-release'
  | 'abort-release';

/**
 * Every {@link EcsDeployActionName}, for validation.
 *
 * @public
 */
export const ECS_DEPLOY_ACTION_NAMES: readonly EcsDeployActionName[] = [
  'continue',
  'finish-early',
  'rollback',
  'approve',
  'start-pipeline',
  'retry-stage',
  'promote',
  'start-release',
  'shift-traffic',
  'promote-release',
  'abort-release',
];

/**
 * The permission each action needs, checked against the entity.
 *
 * @public
 */
export const ECS_DEPLOY_ACTION_PERMISSIONS = {
  continue: ecsDeployContinuePermission,
  'finish-early': ecsDeployContinuePermission,
  rollback: ecsDeployRollbackPermission,
  approve: ecsDeployApprovePermission,
  'start-pipeline': ecsDeployStartPermission,
  'retry-stage': ecsDeployStartPermission,
  promote: ecsDeployPromotePermission,
  'start-release': ecsDeployReleasePermission,
  'shift-traffic': ecsDeployReleasePermission,
  'promote-release': ecsDeployReleasePermission,
  'abort-release': ecsDeployRollbackPermission,
} as const;

/**
 * The JSON body of each action. `environment` is the environment acted on
 * (for `promote`: the target). Deployment ids are history ids
 * (`codedeploy:d-...`, `ecs:...`).
 *
 * @public
 */
export type EcsDeployActionRequest =
  | { action: 'continue'; environment: string; deploymentId: string }
  | { action: 'finish-early'; environment: string; deploymentId: string }
  | { action: 'rollback'; environment: string; deploymentId: string }
  | {
      action: 'approve';
      environment: string;
      /**
       * The execution whose approval the user reviewed; the backend refuses
       * (409, code `StaleApproval`) when the approval waiting belongs to
       * another one.
       */
      pipelineExecutionId: string;
      decision: 'Approved' | 'Rejected';
      /** Required for a rejection. */
      comment?: string;
    }
  | { action: 'start-pipeline'; environment: string }
  | {
      action: 'retry-stage';
      environment: string;
      stageName: string;
      pipelineExecutionId: string;
    }
  | {
      action: 'promote';
      environment: string;
      /** The environment whose running image is promoted. */
      from: string;
      /** The digest the preview showed; the backend refuses if it moved. */
      imageDigest: string;
    }
  | {
      action: 'start-release';
      environment: string;
      /** Release the image this environment runs (one of `from`, `imageTag`). */
      from?: string;
      /** Release the image this tag names in the service's ECR repository. */
      imageTag?: string;
      /** The digest the person saw; the backend refuses (409) if the source moved. */
      imageDigest?: string;
    }
  | {
      action: 'shift-traffic';
      environment: string;
      /** The release's task set (history id `ecs:ecs-svc.…`). */
      deploymentId: string;
      /** Production traffic on the new task set afterwards, 1 to 100. */
      percent: number;
      /** The share the person saw; the backend refuses (409) if it moved. */
      fromPercent: number;
    }
  | {
      action: 'promote-release';
      environment: string;
      deploymentId: string;
      /** Also deregister the previous task definition revision (default false). */
      deregisterPrevious?: boolean;
    }
  | { action: 'abort-release'; environment: string; deploymentId: string };

/**
 * One row of the action ledger: an action someone took from the portal.
 *
 * @public
 */
export interface ActionLedgerEntry {
  id: string;
  entityRef: string;
  environment: string;
  action: EcsDeployActionName;
  /** The Backstage user, e.g. `user:default/guest`. */
  actor: string;
  /**
   * `unknown`: AWS may or may not have acted (a timeout, a dropped
   * connection); the backend settles it by reading AWS.
   */
  status: 'pending' | 'succeeded' | 'failed' | 'unknown';
  /** The AWS id acted on (deployment id, pipeline execution id, image digest). */
  awsResource?: string;
  /** The history entry the action concerns, when there is one. */
  deploymentId?: string;
  /** Approvals: the decision taken. */
  decision?: 'Approved' | 'Rejected';
  comment?: string;
  errorMessage?: string;
  /** ISO 8601. */
  createdAt: string;
  finishedAt?: string;
}

/**
 * Response of an action.
 *
 * @public
 */
export interface EcsDeployActionResponse {
  /** One sentence for the person who acted, e.g. "Traffic is shifting to green". */
  message: string;
  ledgerEntry: ActionLedgerEntry;
}

/**
 * Response of `GET /entities/:kind/:namespace/:name/ledger?environment=&cursor=&limit=`,
 * newest first.
 *
 * @public
 */
export type ActionLedgerResponse = Page<ActionLedgerEntry>;

/**
 * An image as the promotion preview shows it.
 *
 * @public
 */
export interface PromotionImage {
  repository: string;
  digest: string;
  /** Every tag the digest carries (commit ids and environment tags). */
  tags: string[];
  commitId?: string;
}

/**
 * Response of
 * `GET /entities/:kind/:namespace/:name/promotion-preview?from=&to=`:
 * what promoting would change, before anything changes.
 *
 * @public
 */
export interface PromotionPreview {
  from: string;
  to: string;
  /** The image running in `from`, which `to` would run. */
  image: PromotionImage;
  /** The image `to` runs now, if any. */
  current?: PromotionImage;
  /** The ECR tag that moves, e.g. `staging`. */
  targetTag: string;
  /** Why the promotion cannot happen (already running, immutable tag taken). */
  blockedReason?: string;
}

/**
 * The HTTP header that makes an action safe to repeat.
 *
 * @public
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * The `error.code` of the action errors a client acts on:
 *
 * - `ActionInProgress` (409): another action on the same entity and
 *   environment is running; the message names it, who started it and when.
 * - `OutcomeUnknown` (503): AWS may or may not have acted; retrying with the
 *   same `Idempotency-Key` is safe, the backend reads AWS before acting again.
 * - `StaleApproval` (409): the approval waiting is not the one of the
 *   execution the user reviewed, or none waits.
 *
 * @public
 */
export const ECS_DEPLOY_ACTION_ERROR_CODES = {
  actionInProgress: 'ActionInProgress',
  outcomeUnknown: 'OutcomeUnknown',
  staleApproval: 'StaleApproval',
} as const;

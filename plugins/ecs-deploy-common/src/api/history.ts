import type { ActionLedgerEntry } from '../actionsApi';
import type { UnreadableEnvironment } from './environments';
import type { ActionOffer } from './offers';
import {
  DeploymentControllerKind,
  DeploymentKind,
  DeploymentStatus,
  TaskDefinitionRef,
  TriggerKind,
} from './model';

/**
 * Who or what started a deployment, and with which change.
 *
 * @public
 */
export interface DeploymentTrigger {
  kind: TriggerKind;
  /** Free text: a user or role, a pipeline name, `autoscaling`, ... */
  actor?: string;
  /**
   * The commit of the source repository that started it; for a pipeline
   * with an infrastructure repository, that repository's.
   */
  commitId?: string;
  /**
   * The application's commit the image was built from, where the image tag
   * is a commit or the pipeline's ECR source reports a commit label.
   */
  appCommitId?: string;
  imageTag?: string;
  imageDigest?: string;
  /** The AWS trigger detail as reported (e.g. CodePipeline `triggerType`). */
  detail?: string;
}

/**
 * Rollback information of a deployment.
 *
 * @public
 */
export interface DeploymentRollback {
  /** This deployment was rolled back (by the deployment named in `byDeploymentId`). */
  rolledBack: boolean;
  byDeploymentId?: string;
  /** This deployment is itself a rollback of `ofDeploymentId`. */
  ofDeploymentId?: string;
  message?: string;
}

/**
 * One entry of an entity's deployment timeline.
 *
 * @public
 */
export interface DeploymentSummary {
  /**
   * Opaque id, `<kind>:<aws id>` (e.g. `codedeploy:d-ABCDEF123`). Pass it to
   * the detail endpoint; it is meaningful only together with `environment`.
   */
  id: string;
  kind: DeploymentKind;
  environment: string;
  status: DeploymentStatus;
  /** The status exactly as AWS reported it. */
  awsStatus: string;
  /** ECS controller of the service, when known. */
  controller?: DeploymentControllerKind;
  /** ISO 8601 timestamps. */
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  trigger: DeploymentTrigger;
  taskDefinitionFrom?: TaskDefinitionRef;
  taskDefinitionTo?: TaskDefinitionRef;
  rollback?: DeploymentRollback;
  errorMessage?: string;
  /** Pipeline entries: the pipeline's name. */
  pipelineName?: string;
  /**
   * Actions taken on this entry from the portal ("approved by
   * user:default/jane"), from the action ledger, oldest first. Absent when
   * there are none.
   */
  portalActions?: ActionLedgerEntry[];
  /**
   * The actions on this entry (`continue`, `finish-early`, `rollback`;
   * `approve`, `retry-stage` on pipeline executions), each available now or
   * with the reason it is not.
   */
  offers?: ActionOffer[];
  /**
   * On a pipeline execution, the history's release row: the deployments it
   * started, newest last, each with `links.pipelineExecutionId`. A
   * deployment listed here is never an entry of its own on any page. Absent
   * on other entries and on executions that started none.
   */
  deployments?: DeploymentSummary[];
  /** Links AWS itself records between a pipeline execution and the deployment its deploy action started. */
  links: {
    /** On a deployment: the pipeline execution that started it (`pipeline:<id>`). */
    pipelineExecutionId?: string;
    /** On a pipeline execution: the deployments its actions started. */
    deploymentIds?: string[];
  };
}

/**
 * Query of `GET /entities/:kind/:namespace/:name/history`.
 *
 * @public
 */
export interface HistoryQuery {
  environment?: string;
  /** One or more statuses; entries with other statuses are left out. */
  status?: DeploymentStatus[];
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Page size, 1 to 100, default 25. */
  limit?: number;
}

/**
 * A page of a cursor-paginated list.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/**
 * Response of the history endpoint: newest first, one entry per release (a
 * pipeline execution with the deployments it started inside, in
 * `deployments`; a deployment no pipeline started is an entry of its own).
 *
 * @public
 */
export interface HistoryResponse extends Page<DeploymentSummary> {
  /**
   * Environments whose history this page leaves out because they could not
   * be read (a service or pipeline AWS does not know, throttling, no
   * permission in their account) while the others could. Absent when every
   * environment was read. The cursor keeps the place of an environment read
   * on an earlier page, so a later page goes on where it stopped once the
   * environment can be read again.
   */
  unreadable?: UnreadableEnvironment[];
}

import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ActionLedgerResponse,
  DeliveryMetricsQuery,
  DeliveryMetricsResponse,
  DeploymentDetail,
  EcsDeployActionRequest,
  EcsDeployActionResponse,
  EnvironmentsResponse,
  HistoryQuery,
  HistoryResponse,
  PromotionPreview,
  RunningTasksResponse,
  StoppedTasksResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * How a read is made.
 *
 * @public
 */
export type EcsDeployReadOptions = {
  /**
   * Read the newest state the backend's replicas share, as after a signal
   * said it changed, rather than the answering replica's own copy.
   */
  fresh?: boolean;
};

/**
 * The ECS Deploy backend as the frontend sees it. Every call names an entity,
 * never an AWS resource: the backend resolves the resources itself.
 *
 * @public
 */
export interface EcsDeployApi {
  /** What runs in each environment, in promotion order. */
  getEnvironments(
    entity: CompoundEntityRef,
    options?: EcsDeployReadOptions,
  ): Promise<EnvironmentsResponse>;

  /** One page of the deployment timeline, newest first. */
  getHistory(
    entity: CompoundEntityRef,
    query?: HistoryQuery,
    options?: EcsDeployReadOptions,
  ): Promise<HistoryResponse>;

  /** One deployment's lifecycle, pipeline stages and targets. */
  getDeployment(
    entity: CompoundEntityRef,
    options: {
      deploymentId: string;
      environment: string;
    } & EcsDeployReadOptions,
  ): Promise<DeploymentDetail>;

  /** Listeners, task sets and the current traffic shift. */
  getTraffic(
    entity: CompoundEntityRef,
    options?: { environment?: string } & EcsDeployReadOptions,
  ): Promise<TrafficResponse>;

  /**
   * The tasks ECS wants running in each environment (or one), with
   * revision, health and the deployment each belongs to.
   */
  getRunningTasks(
    entity: CompoundEntityRef,
    options?: { environment?: string } & EcsDeployReadOptions,
  ): Promise<RunningTasksResponse>;

  /** Tasks of the latest deployment that stopped, with exit codes. */
  getStoppedTasks(
    entity: CompoundEntityRef,
    options: { environment: string },
  ): Promise<StoppedTasksResponse>;

  /**
   * Actions taken from the portal, newest first.
   * Needs the promotion endpoints (issue 5).
   */
  getLedger(
    entity: CompoundEntityRef,
    options?: {
      environment?: string;
      cursor?: string;
      limit?: number;
    } & EcsDeployReadOptions,
  ): Promise<ActionLedgerResponse>;

  /**
   * What promoting the image of `from` to `to` would change.
   * Needs the promotion endpoints (issue 5).
   */
  getPromotionPreview(
    entity: CompoundEntityRef,
    options: { from: string; to: string },
  ): Promise<PromotionPreview>;

  /**
   * Performs an action once per idempotency key: repeating a request with
   * the same key returns the first outcome.
   * Needs the promotion endpoints (issue 5).
   */
  performAction(
    entity: CompoundEntityRef,
    request: EcsDeployActionRequest,
    options: { idempotencyKey: string },
  ): Promise<EcsDeployActionResponse>;

  /**
   * Delivery metrics over the entity's whole history within the window,
   * computed by the backend in one request.
   */
  getMetrics(
    entity: CompoundEntityRef,
    query?: DeliveryMetricsQuery,
  ): Promise<DeliveryMetricsResponse>;
}

/**
 * The reference to the {@link EcsDeployApi}.
 *
 * @public
 */
export const ecsDeployApiRef = createApiRef<EcsDeployApi>({
  id: 'plugin.ecs-deploy.service',
});

import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActionLedgerResponse,
  DeliveryMetricsQuery,
  DeliveryMetricsResponse,
  DeploymentDetail,
  EcsDeployActionRequest,
  EcsDeployActionResponse,
  EnvironmentsResponse,
  FRESH_READ_HEADER,
  HistoryQuery,
  HistoryResponse,
  IDEMPOTENCY_KEY_HEADER,
  PromotionPreview,
  RunningTasksResponse,
  StoppedTasksResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployApi, EcsDeployReadOptions } from './EcsDeployApi';

type QueryValue = string | number | string[] | undefined;

/**
 * The {@link EcsDeployApi} over HTTP: `discoveryApi` finds the backend,
 * `fetchApi` adds the user's token, and a failed request becomes a
 * `ResponseError` carrying the backend's own message.
 *
 * @public
 */
export class EcsDeployClient implements EcsDeployApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc EcsDeployApi.getEnvironments} */
  getEnvironments(
    entity: CompoundEntityRef,
    options: EcsDeployReadOptions = {},
  ): Promise<EnvironmentsResponse> {
    return this.get(entity, '/environments', {}, options);
  }

  /** {@inheritDoc EcsDeployApi.getHistory} */
  getHistory(
    entity: CompoundEntityRef,
    query: HistoryQuery = {},
    options: EcsDeployReadOptions = {},
  ): Promise<HistoryResponse> {
    return this.get(
      entity,
      '/history',
      {
        environment: query.environment,
        status: query.status,
        cursor: query.cursor,
        limit: query.limit,
      },
      options,
    );
  }

  /** {@inheritDoc EcsDeployApi.getDeployment} */
  getDeployment(
    entity: CompoundEntityRef,
    options: {
      deploymentId: string;
      environment: string;
    } & EcsDeployReadOptions,
  ): Promise<DeploymentDetail> {
    return this.get(
      entity,
      `/deployments/${encodeURIComponent(options.deploymentId)}`,
      { environment: options.environment },
      options,
    );
  }

  /** {@inheritDoc EcsDeployApi.getTraffic} */
  getTraffic(
    entity: CompoundEntityRef,
    options: { environment?: string } & EcsDeployReadOptions = {},
  ): Promise<TrafficResponse> {
    return this.get(
      entity,
      '/traffic',
      { environment: options.environment },
      options,
    );
  }

  /** {@inheritDoc EcsDeployApi.getRunningTasks} */
  getRunningTasks(
    entity: CompoundEntityRef,
    options: { environment?: string } & EcsDeployReadOptions = {},
  ): Promise<RunningTasksResponse> {
    return this.get(
      entity,
      '/tasks',
      { environment: options.environment },
      options,
    );
  }

  /** {@inheritDoc EcsDeployApi.getStoppedTasks} */
  getStoppedTasks(
    entity: CompoundEntityRef,
    options: { environment: string },
  ): Promise<StoppedTasksResponse> {
    return this.get(entity, '/stopped-tasks', {
      environment: options.environment,
    });
  }

  /** {@inheritDoc EcsDeployApi.getLedger} */
  getLedger(
    entity: CompoundEntityRef,
    options: {
      environment?: string;
      cursor?: string;
      limit?: number;
    } & EcsDeployReadOptions = {},
  ): Promise<ActionLedgerResponse> {
    const { fresh, ...query } = options;
    return this.get(entity, '/ledger', query, { fresh });
  }

  /** {@inheritDoc EcsDeployApi.getPromotionPreview} */
  getPromotionPreview(
    entity: CompoundEntityRef,
    options: { from: string; to: string },
  ): Promise<PromotionPreview> {
    return this.get(entity, '/promotion-preview', options);
  }

  /** {@inheritDoc EcsDeployApi.performAction} */
  async performAction(
    entity: CompoundEntityRef,
    request: EcsDeployActionRequest,
    options: { idempotencyKey: string },
  ): Promise<EcsDeployActionResponse> {
    const { action, ...body } = request;
    const url = await this.url(
      entity,
      `/actions/${encodeURIComponent(action)}`,
    );
    const response = await this.fetchApi.fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [IDEMPOTENCY_KEY_HEADER]: options.idempotencyKey,
      },
      body: JSON.stringify(body),
    });
    return this.parse(response);
  }

  /** {@inheritDoc EcsDeployApi.getMetrics} */
  getMetrics(
    entity: CompoundEntityRef,
    query: DeliveryMetricsQuery = {},
  ): Promise<DeliveryMetricsResponse> {
    return this.get(entity, '/metrics', {
      window: query.windowDays,
      environment: query.environment,
    });
  }

  private async get<T>(
    entity: CompoundEntityRef,
    path: string,
    query: Record<string, QueryValue> = {},
    { fresh }: EcsDeployReadOptions = {},
  ): Promise<T> {
    const url = await this.url(entity, path, query);
    const response = await this.fetchApi.fetch(
      url,
      fresh ? { headers: { [FRESH_READ_HEADER]: '1' } } : undefined,
    );
    return this.parse(response);
  }

  private async url(
    entity: CompoundEntityRef,
    path: string,
    query: Record<string, QueryValue> = {},
  ): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ecs-deploy');
    const entityPath = [entity.kind, entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      // Lists travel comma separated (`status=FAILED,ROLLED_BACK`), the way
      // the backend's validation reads them.
      const text = Array.isArray(value) ? value.join(',') : value;
      if (text !== undefined && text !== '') {
        params.set(key, String(text));
      }
    }
    const search = params.toString();
    return `${baseUrl}/entities/${entityPath}${path}${
      search ? `?${search}` : ''
    }`;
  }

  private async parse<T>(response: Response): Promise<T> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

import { CacheService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DeploymentSummary,
  OwnerDeliveryMetricsResponse,
  computeDeliveryMetrics,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { ClassedCache } from '../cache/ClassedCache';
import { ReadCache } from '../cache/ReadCache';
import { sharedCache } from '../cache/__testUtils__/sharedCache';
import { createApiRouter } from './apiRouter';
import { errorHandler, notFoundHandler } from './errorHandler';
import { assignRequestId } from './requestId';

const HOUR = 60 * 60 * 1000;

function service(name: string, owner = 'team-x', annotated = true): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(annotated
        ? {
            annotations: {
              'ecs-deploy.io/service-arn.prod': `arn:aws:ecs:eu-west-1:111111111111:service/shop/${name}`,
            },
          }
        : {}),
    },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

/** Each service deployed twice in prod, the older one failed. */
function historyOf(entityRef: string): DeploymentSummary[] {
  const at = (hours: number) => new Date(Date.now() - hours * HOUR);
  const deployment = (
    n: number,
    hours: number,
    status: 'SUCCEEDED' | 'FAILED',
  ): DeploymentSummary => ({
    id: `codedeploy:d-${entityRef}-${n}`,
    kind: 'codedeploy',
    environment: 'prod',
    status,
    awsStatus: status,
    startedAt: at(hours).toISOString(),
    endedAt: new Date(at(hours).getTime() + HOUR / 4).toISOString(),
    durationMs: HOUR / 4,
    trigger: { kind: 'user' },
    links: {},
  });
  return [deployment(2, 2, 'SUCCEEDED'), deployment(1, 5, 'FAILED')];
}

// The API router over a history that answers from memory: no AWS here.
async function app(entities: Entity[]) {
  const cache = new ClassedCache(
    new ReadCache(sharedCache() as unknown as CacheService),
    { active: 5_000, finished: 3_600_000, list: 15_000, resolution: 600_000 },
  );
  const history = {
    cache,
    environmentsOf: jest.fn(async (_entity: Entity, environment?: string) =>
      [{ name: 'prod', accountId: '111111111111', region: 'eu-west-1' }].filter(
        env => !environment || env.name === environment,
      ),
    ),
    page: jest.fn(async (_entity: Entity, entityRef: string) => ({
      items: historyOf(entityRef),
    })),
  };
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          'resourceRef' in r && r.resourceRef === 'component:default/secret'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
  const router = Router();
  router.use(assignRequestId(), express.json());
  router.use(
    await createApiRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.user(),
      }),
      catalog: catalogServiceMock({ entities }),
      permissions,
      auditor: mockServices.auditor.mock(),
      reads: {} as any,
      history: history as any,
      actions: {} as any,
    }),
  );
  router.use(
    notFoundHandler(),
    errorHandler({ logger: mockServices.logger.mock() }),
  );
  return { server: express().use(router), history };
}

describe('the metrics routes', () => {
  it.each([
    ['/entities/component/default/a/metrics?window=0', 'window: must be >= 1'],
    [
      '/entities/component/default/a/metrics?window=366',
      'window: must be <= 365',
    ],
    ['/metrics', 'owner: is required'],
    ['/metrics?owner=group:default/../x', 'owner: must match pattern'],
  ])('answers %s with a 400 naming the field', async (path, message) => {
    const { server, history } = await app([]);
    const res = await request(server).get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`Invalid request: ${message}`);
    expect(history.page).not.toHaveBeenCalled();
  });

  it("answers an entity's metrics from its history, the window defaulting to 30 days", async () => {
    const { server } = await app([service('payments-api')]);
    const res = await request(server).get(
      '/entities/component/default/payments-api/metrics',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/payments-api',
      windowDays: 30,
    });
    expect(res.body.metrics).toEqual(
      computeDeliveryMetrics(historyOf('component:default/payments-api'), {
        now: Date.parse(res.body.asOf),
        windowDays: 30,
      }),
    );
  });

  it('counts at most 20 entities of an owner, leaving out those the caller may not read or that have no ECS Deploy annotations', async () => {
    const owned = Array.from({ length: 25 }, (_, i) =>
      service(`svc-${String(i).padStart(2, '0')}`),
    );
    const { server } = await app([
      ...owned,
      service('secret'),
      service('docs', 'team-x', false),
      service('elsewhere', 'team-y'),
    ]);
    const res = await request(server).get(
      '/metrics?owner=team-x&window=7&environment=prod',
    );
    expect(res.status).toBe(200);
    const body = res.body as OwnerDeliveryMetricsResponse;
    expect(body).toMatchObject({
      owner: 'group:default/team-x',
      windowDays: 7,
      environment: 'prod',
      limit: 20,
      truncated: true,
    });
    expect(body.entities.map(e => e.entityRef)).toEqual(
      owned.slice(0, 20).map(e => stringifyEntityRef(e)),
    );
    expect(body.metrics.frequency.value).toBe(40);
    expect(body.metrics.changeFailureRate.value).toBe(0.5);
    // Each service's failure is restored by its success 3 hours later.
    expect(body.metrics.timeToRestore.value).toBe(3 * HOUR);

    const few = await request(server).get(
      '/metrics?owner=group:default/team-y',
    );
    expect(few.body).toMatchObject({
      truncated: false,
      entities: [{ entityRef: 'component:default/elsewhere' }],
    });
  });
});

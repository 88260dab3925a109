import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CreateServiceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import { HistoryResponse } from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { ecsDeployPlugin } from './plugin';
import {
  component,
  createCluster,
  registerTaskDefinition,
  sandboxClients,
  sandboxConfig,
  serviceArn,
} from './__testUtils__/sandboxFleet';

const DEPLOYMENTS = 520;

// Over HTTP against a sandbox on a shared CI machine: allow slow runs.
jest.setTimeout(60_000);

describe('history pagination across many deployments', () => {
  let sb: RunningSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let clients: ReturnType<typeof sandboxClients>;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = sandboxClients(sb);
    await createCluster(clients, 'storefront-dev');
    const v1 = await registerTaskDefinition(clients, 'orders-worker', 'v0');
    await clients.ecs.send(
      new CreateServiceCommand({
        cluster: 'storefront-dev',
        serviceName: 'orders-worker',
        taskDefinition: v1,
        desiredCount: 1,
      }),
    );
    // Each update is a new ROLLING service deployment (the previous one
    // stops), like a busy service over months.
    for (let i = 1; i < DEPLOYMENTS; i++) {
      // A second apart, so newest-first order is observable.
      sb.clock.advance(1000);
      await clients.ecs.send(
        new UpdateServiceCommand({
          cluster: 'storefront-dev',
          service: 'orders-worker',
          forceNewDeployment: true,
        }),
      );
    }
    backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({ data: sandboxConfig(sb) }),
        catalogServiceMock.factory({
          entities: [
            component('orders-worker', {
              'ecs-deploy.io/service-arn.dev': serviceArn(
                'storefront-dev',
                'orders-worker',
              ),
            }),
          ],
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  const page = (query: string) =>
    request(backend.server).get(
      `/api/ecs-deploy/entities/component/default/orders-worker/history${query}`,
    );

  it('reads page 1 without reading the whole history', async () => {
    sb.callLog.reset();
    const res = await page('?limit=25');
    expect(res.status).toBe(200);
    const body = res.body as HistoryResponse;
    expect(body.items).toHaveLength(25);
    expect(body.nextCursor).toBeDefined();
    // 520 deployments are 26 AWS list pages; page 1 needs two at most.
    expect(sb.callLog.count('ecs:ListServiceDeployments')).toBeLessThanOrEqual(
      2,
    );
    expect(
      sb.callLog.count('ecs:DescribeServiceDeployments'),
    ).toBeLessThanOrEqual(3);
  });

  it('walks every deployment once, newest first, with the cursor', async () => {
    const seen: string[] = [];
    const starts: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const res = await page(
        `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      const body = res.body as HistoryResponse;
      seen.push(...body.items.map(item => item.id));
      starts.push(...body.items.map(item => Date.parse(item.startedAt!)));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(DEPLOYMENTS);
    expect(new Set(seen).size).toBe(DEPLOYMENTS);
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
  });

  it('filters by status across pages', async () => {
    const res = await page('?limit=10&status=SUCCEEDED,STOPPED');
    expect(res.status).toBe(200);
    const body = res.body as HistoryResponse;
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) {
      expect(['SUCCEEDED', 'STOPPED']).toContain(item.status);
    }
    // A cursor made with one filter cannot be used with another.
    expect(body.nextCursor).toBeDefined();
    const mixed = await page(
      `?limit=10&cursor=${encodeURIComponent(body.nextCursor!)}`,
    );
    expect(mixed.status).toBe(400);
  });
});

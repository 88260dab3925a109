import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  DeploymentDetail,
  EnvironmentsResponse,
  HistoryResponse,
  StoppedTasksResponse,
  isMissingAnnotationsMessage,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { ecsDeployPlugin } from './plugin';
import {
  component,
  createCluster,
  createCodeDeployService,
  createExternalService,
  createNativeService,
  sandboxClients,
  sandboxConfig,
  serviceArn,
} from './__testUtils__/sandboxFleet';

const MINUTE = 60_000;
const CLUSTER = 'storefront-prod';

const entities = [
  component('payments-api', {
    'ecs-deploy.io/environments': 'prod',
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'payments-api'),
  }),
  component('ledger-api', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'ledger-api'),
  }),
  component('notifications-service', {
    'ecs-deploy.io/service-arn.prod': serviceArn(
      CLUSTER,
      'notifications-service',
    ),
  }),
  component('orders-worker', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'orders-worker'),
  }),
  component('no-annotations', {}),
  // staging points at a service that does not exist: it alone must fail.
  component('half-gone', {
    'ecs-deploy.io/environments': 'staging,prod',
    'ecs-deploy.io/service-arn.staging': serviceArn(CLUSTER, 'deleted-service'),
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'ledger-api'),
  }),
];

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

async function backendFor(
  sb: RunningSandbox,
  options: {
    ttl?: Record<string, number>;
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
  } = {},
): Promise<Backend> {
  const config = sandboxConfig(sb);
  return startTestBackend({
    features: [
      ecsDeployPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...config,
          ecsDeploy: {
            ...config.ecsDeploy,
            ...(options.ttl ? { cache: options.ttl } : {}),
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
      options.permissions?.factory ??
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
}

const api = (name: string, path: string) =>
  `/api/ecs-deploy/entities/component/default/${name}${path}`;

// Over HTTP against a sandbox on a shared CI machine: allow slow runs.
jest.setTimeout(60_000);

describe('read API over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let backend: Backend;
  let clients: ReturnType<typeof sandboxClients>;
  let codeDeployId: string;
  let ledger: Awaited<ReturnType<typeof createNativeService>>;
  let orders: Awaited<ReturnType<typeof createNativeService>>;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = sandboxClients(sb);
    await createCluster(clients, CLUSTER);
    const payments = await createCodeDeployService(
      sb,
      clients,
      'payments-api',
      CLUSTER,
    );
    ledger = await createNativeService(sb, clients, 'ledger-api', CLUSTER, {
      strategy: 'CANARY',
      bakeTimeInMinutes: 10,
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
    });
    await createExternalService(sb, clients, 'notifications-service', CLUSTER);
    orders = await createNativeService(sb, clients, 'orders-worker', CLUSTER, {
      strategy: 'ROLLING',
    });
    codeDeployId = await payments.deploy('1234abc');
    // Caching off for moving data: these tests move the sandbox clock.
    backend = await backendFor(sb, {
      ttl: { activeTtlSeconds: 0, listTtlSeconds: 0 },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  describe('CODE_DEPLOY (blue/green canary)', () => {
    it('shows the environment with the deployment group resolved from the service', async () => {
      const res = await request(backend.server).get(
        api('payments-api', '/environments'),
      );
      expect(res.status).toBe(200);
      const body = res.body as EnvironmentsResponse;
      expect(body.entityRef).toBe('component:default/payments-api');
      const [prod] = body.environments;
      expect(prod).toMatchObject({
        name: 'prod',
        accountId: '111111111111',
        region: 'eu-west-1',
        controller: 'CODE_DEPLOY',
        strategy: {
          kind: 'CANARY',
          configName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
          stepPercent: 10,
          stepIntervalMinutes: 5,
          bakeTimeMinutes: 30,
        },
        codeDeploy: {
          application: 'payments-api',
          deploymentGroup: 'payments-api-prod',
        },
        deploymentInProgress: true,
        lastDeployment: { id: `codedeploy:${codeDeployId}` },
      });
      expect(prod.images[0]).toMatchObject({
        containerName: 'app',
        repository: 'payments-api',
        tag: 'aaaaaaa',
      });
    });

    it('lists the deployment in the history with its revisions', async () => {
      const res = await request(backend.server).get(
        api('payments-api', '/history'),
      );
      expect(res.status).toBe(200);
      const body = res.body as HistoryResponse;
      expect(body.items[0]).toMatchObject({
        id: `codedeploy:${codeDeployId}`,
        kind: 'codedeploy',
        environment: 'prod',
        controller: 'CODE_DEPLOY',
        taskDefinitionTo: { family: 'payments-api', revision: 2 },
      });
      expect(['PENDING', 'IN_PROGRESS']).toContain(body.items[0].status);
    });

    it('moves the canary weights on the traffic endpoint as the clock advances', async () => {
      advanceSandbox(sb, 3 * MINUTE);
      const weights = async () => {
        const res = await request(backend.server).get(
          api('payments-api', '/traffic?environment=prod'),
        );
        expect(res.status).toBe(200);
        const [env] = (res.body as TrafficResponse).environments;
        const production = env.listeners.find(l => l.role === 'production')!;
        return {
          env,
          production: Object.fromEntries(
            production.targetGroups.map(t => [t.name, t.percent]),
          ),
        };
      };
      const first = await weights();
      expect(first.production).toEqual({
        'payments-api-prod-blue': 90,
        'payments-api-prod-green': 10,
      });
      expect(first.env.shift).toMatchObject({
        deploymentId: `codedeploy:${codeDeployId}`,
        phase: 'SHIFTING',
        shiftedPercent: 10,
        step: 1,
        totalSteps: 2,
      });
      expect(first.env.shift?.nextStepAt).toBeDefined();
      expect(first.env.taskSets.map(t => t.label).sort()).toEqual([
        'BLUE',
        'GREEN',
      ]);

      advanceSandbox(sb, 6 * MINUTE);
      const second = await weights();
      expect(second.production).toEqual({
        'payments-api-prod-blue': 0,
        'payments-api-prod-green': 100,
      });
      expect(second.env.shift?.shiftedPercent).toBe(100);
    });

    it('shows the deployment detail with lifecycle events and both task sets', async () => {
      const res = await request(backend.server).get(
        api(
          'payments-api',
          `/deployments/codedeploy:${codeDeployId}?environment=prod`,
        ),
      );
      expect(res.status).toBe(200);
      const body = res.body as DeploymentDetail;
      expect(body.deployment.id).toBe(`codedeploy:${codeDeployId}`);
      expect(body.lifecycleEvents.map(e => e.name)).toContain('AllowTraffic');
      expect(body.targets[0].taskSets).toHaveLength(2);
    });

    it('refuses a deployment id of another entity', async () => {
      const res = await request(backend.server).get(
        api(
          'ledger-api',
          `/deployments/codedeploy:${codeDeployId}?environment=prod`,
        ),
      );
      expect(res.status).toBe(404);
    });
  });

  describe('ECS native canary', () => {
    it('lists the service deployment and shows rule weights moving', async () => {
      await ledger.update('5678def');
      const history = await request(backend.server).get(
        api('ledger-api', '/history?environment=prod'),
      );
      expect(history.status).toBe(200);
      const [latest] = (history.body as HistoryResponse).items;
      expect(latest).toMatchObject({
        kind: 'ecs',
        controller: 'ECS',
        taskDefinitionTo: { family: 'ledger-api' },
      });
      expect(latest.trigger.imageTag).toBe('5678def');

      const production = async () => {
        const res = await request(backend.server).get(
          api('ledger-api', '/traffic'),
        );
        expect(res.status).toBe(200);
        const [env] = (res.body as TrafficResponse).environments;
        return {
          env,
          weights: Object.fromEntries(
            env.listeners
              .find(l => l.role === 'production')!
              .targetGroups.map(t => [t.label, t.percent]),
          ),
        };
      };
      const before = await production();
      expect(before.env.controller).toBe('ECS');
      expect(before.env.strategy).toMatchObject({
        kind: 'CANARY',
        stepPercent: 10,
      });
      advanceSandbox(sb, 70_000);
      const during = await production();
      expect(during.weights).toEqual({ BLUE: 90, GREEN: 10 });
      expect(during.env.shift).toMatchObject({
        phase: 'SHIFTING',
        shiftedPercent: 10,
      });
      advanceSandbox(sb, 5 * MINUTE);
      const after = await production();
      expect(after.weights).toEqual({ BLUE: 0, GREEN: 100 });
      expect(after.env.shift?.phase).toBe('BAKING');

      const detail = await request(backend.server).get(
        api('ledger-api', `/deployments/${latest.id}?environment=prod`),
      );
      expect(detail.status).toBe(200);
      expect((detail.body as DeploymentDetail).lifecycleStage).toBe(
        'BAKE_TIME',
      );
    });
  });

  describe('ECS rolling', () => {
    it('shows a finished rolling deployment, its detail and the stopped tasks', async () => {
      const v2 = await orders.update('9999aaa');
      advanceSandbox(sb, 10 * MINUTE);

      const history = await request(backend.server).get(
        api('orders-worker', '/history?environment=prod'),
      );
      expect(history.status).toBe(200);
      const [latest] = (history.body as HistoryResponse).items;
      expect(latest).toMatchObject({
        kind: 'ecs',
        status: 'SUCCEEDED',
        taskDefinitionFrom: { family: 'orders-worker', revision: 1 },
        taskDefinitionTo: { arn: v2, revision: 2 },
        trigger: { imageTag: '9999aaa' },
      });
      expect(latest.durationMs).toBeGreaterThan(0);

      const overview = await request(backend.server).get(
        api('orders-worker', '/environments'),
      );
      expect(overview.status).toBe(200);
      const [env] = (overview.body as EnvironmentsResponse).environments;
      expect(env).toMatchObject({
        controller: 'ECS',
        strategy: { kind: 'ROLLING' },
        taskDefinition: { revision: 2 },
        deploymentInProgress: false,
        waitingForAction: false,
      });
      expect(env.images[0]).toMatchObject({ tag: '9999aaa' });

      const detail = await request(backend.server).get(
        api('orders-worker', `/deployments/${latest.id}?environment=prod`),
      );
      expect(detail.status).toBe(200);
      expect((detail.body as DeploymentDetail).deployment.id).toBe(latest.id);

      const stopped = await request(backend.server).get(
        api('orders-worker', '/stopped-tasks?environment=prod'),
      );
      expect(stopped.status).toBe(200);
      const tasks = (stopped.body as StoppedTasksResponse).items;
      expect(tasks.length).toBeGreaterThan(0);
      expect(tasks[0]).toMatchObject({
        taskDefinition: { family: 'orders-worker', revision: 1 },
      });
      expect(tasks[0].stoppedReason).toBeDefined();
    });
  });

  describe('EXTERNAL', () => {
    it('shows task sets as history and detail, with their listener weights', async () => {
      const res = await request(backend.server).get(
        api('notifications-service', '/traffic'),
      );
      expect(res.status).toBe(200);
      const [env] = (res.body as TrafficResponse).environments;
      expect(env.controller).toBe('EXTERNAL');
      const byLabel = Object.fromEntries(
        env.taskSets.map(t => [t.label, t.trafficWeight]),
      );
      expect(byLabel).toEqual({ PRIMARY: 90, ACTIVE: 10 });
      expect(env.shift).toMatchObject({
        phase: 'SHIFTING',
        shiftedPercent: 10,
      });

      const history = await request(backend.server).get(
        api('notifications-service', '/history'),
      );
      expect(history.status).toBe(200);
      const items = (history.body as HistoryResponse).items;
      expect(items.map(i => [i.controller, i.status, i.awsStatus])).toEqual([
        ['EXTERNAL', 'IN_PROGRESS', 'ACTIVE'],
        ['EXTERNAL', 'SUCCEEDED', 'PRIMARY'],
      ]);
      const detail = await request(backend.server).get(
        api(
          'notifications-service',
          `/deployments/${items[0].id}?environment=prod`,
        ),
      );
      expect(detail.status).toBe(200);
      expect(
        (detail.body as DeploymentDetail).targets[0].taskSets[0],
      ).toMatchObject({ label: 'ACTIVE', taskDefinition: { revision: 2 } });

      const overview = await request(backend.server).get(
        api('notifications-service', '/environments'),
      );
      expect(overview.status).toBe(200);
      expect(
        (overview.body as EnvironmentsResponse).environments[0],
      ).toMatchObject({
        controller: 'EXTERNAL',
        strategy: { kind: 'EXTERNAL' },
      });
    });
  });

  describe('errors', () => {
    it('answers 404 for an entity the caller cannot see, without AWS calls', async () => {
      sb.callLog.reset();
      const res = await request(backend.server).get(
        api('unknown-service', '/history'),
      );
      expect(res.status).toBe(404);
      expect(sb.callLog.total()).toBe(0);
    });

    it('accepts entity kinds as the catalog writes them (Component)', async () => {
      const res = await request(backend.server).get(
        '/api/ecs-deploy/entities/Component/default/notifications-service/traffic',
      );
      expect(res.status).toBe(200);
    });

    it('answers 404 naming the annotations for an entity without them', async () => {
      const res = await request(backend.server).get(
        api('no-annotations', '/environments'),
      );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain(
        'ecs-deploy.io/service-arn.<environment>',
      );
      expect(isMissingAnnotationsMessage(res.body.error.message)).toBe(true);
    });

    it('answers 400 naming the field for bad input, before any AWS call', async () => {
      sb.callLog.reset();
      const limit = await request(backend.server).get(
        api('payments-api', '/history?limit=0'),
      );
      expect(limit.status).toBe(400);
      expect(limit.body.error.message).toContain('limit');
      const status = await request(backend.server).get(
        api('payments-api', '/history?status=WHATEVER'),
      );
      expect(status.status).toBe(400);
      expect(status.body.error.message).toContain('status');
      const cursor = await request(backend.server).get(
        api('payments-api', '/history?cursor=nonsense'),
      );
      expect(cursor.status).toBe(400);
      expect(cursor.body.error.message).toContain('cursor');
      const missing = await request(backend.server).get(
        api('payments-api', '/stopped-tasks'),
      );
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('environment');
      expect(sb.callLog.total()).toBe(0);

      const unknownEnv = await request(backend.server).get(
        api('payments-api', '/traffic?environment=staging'),
      );
      expect(unknownEnv.status).toBe(400);
      expect(unknownEnv.body.error.message).toContain('environment');
    });

    it('answers 503 with a retry hint when AWS throttles', async () => {
      sb.faults.set('ecs:DescribeServices', { throttleRate: 1 });
      try {
        const res = await request(backend.server).get(
          api('ledger-api', '/environments'),
        );
        expect(res.status).toBe(503);
        expect(res.body.error.message).toMatch(/retry/);
      } finally {
        sb.faults.set('ecs:DescribeServices', undefined);
      }
    });

    it('answers with what it read moments ago when AWS throttles after expiry (stale-if-error)', async () => {
      const view = () => api('ledger-api', '/environments');
      const lenient = await backendFor(sb, {
        ttl: { activeTtlSeconds: 1, listTtlSeconds: 1 },
      });
      const strict = await backendFor(sb, {
        ttl: { activeTtlSeconds: 1, listTtlSeconds: 1, staleIfErrorSeconds: 0 },
      });
      try {
        const first = await request(lenient.server).get(view());
        expect(first.status).toBe(200);
        expect((await request(strict.server).get(view())).status).toBe(200);
        await new Promise(r => setTimeout(r, 1_100));
        sb.faults.set('*', { throttleRate: 1 });
        const again = await request(lenient.server).get(view());
        expect(again.status).toBe(200);
        expect(again.body.environments.map((e: any) => e.service)).toEqual(
          first.body.environments.map((e: any) => e.service),
        );
        // Without it, the same moment is a 503.
        expect((await request(strict.server).get(view())).status).toBe(503);
      } finally {
        sb.faults.set('*', undefined);
        await lenient.stop();
        await strict.stop();
      }
    });

    it('reports an environment that cannot be read in its place, and still shows the others', async () => {
      const res = await request(backend.server).get(
        api('half-gone', '/environments'),
      );
      expect(res.status).toBe(200);
      const [staging, prod] = res.body.environments;
      expect(staging).toMatchObject({
        name: 'staging',
        error: { name: 'NotFoundError', statusCode: 404 },
      });
      expect(staging.error.message).toContain('deleted-service');
      expect(prod.name).toBe('prod');
      expect(prod.error).toBeUndefined();
      expect(prod.service.status).toBe('ACTIVE');
    });

    it('reports an unreadable environment in its place on the traffic view too', async () => {
      const res = await request(backend.server).get(
        api('half-gone', '/traffic'),
      );
      expect(res.status).toBe(200);
      const [staging, prod] = res.body.environments;
      expect(staging).toMatchObject({
        environment: 'staging',
        listeners: [],
        error: { name: 'NotFoundError', statusCode: 404 },
      });
      expect(prod.environment).toBe('prod');
      expect(prod.error).toBeUndefined();
    });

    it('fails the request when no environment can be read', async () => {
      sb.faults.set('ecs:DescribeServices', { throttleRate: 1 });
      try {
        const res = await request(backend.server).get(
          api('half-gone', '/environments'),
        );
        expect(res.status).toBe(503);
      } finally {
        sb.faults.set('ecs:DescribeServices', undefined);
      }
    });

    it('answers 503 when an AWS service fails, naming the failed action', async () => {
      sb.faults.set('elbv2:*', { errorRate: 1 });
      try {
        const res = await request(backend.server).get(
          api('notifications-service', '/traffic'),
        );
        expect(res.status).toBe(503);
        expect(res.body.error.message).toContain('elasticloadbalancing:');
      } finally {
        sb.faults.set('elbv2:*', undefined);
      }
    });
  });

  describe('permissions and caching', () => {
    it('denies a read without AWS calls', async () => {
      const denied = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result:
              'resourceRef' in r &&
              r.resourceRef === 'component:default/ledger-api'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      });
      const other = await backendFor(sb, { permissions: denied });
      try {
        sb.callLog.reset();
        const res = await request(other.server).get(
          api('ledger-api', '/traffic'),
        );
        expect(res.status).toBe(403);
        expect(sb.callLog.total()).toBe(0);
        const allowed = await request(other.server).get(
          api('notifications-service', '/traffic'),
        );
        expect(allowed.status).toBe(200);
        expect(sb.callLog.total()).toBeGreaterThan(0);
      } finally {
        await other.stop();
      }
    });

    it('serves concurrent viewers with one set of AWS calls', async () => {
      const cached = await backendFor(sb);
      try {
        sb.callLog.reset();
        const responses = await Promise.all(
          Array.from({ length: 5 }, () =>
            request(cached.server).get(api('payments-api', '/traffic')),
          ),
        );
        expect(responses.map(r => r.status)).toEqual([200, 200, 200, 200, 200]);
        expect(sb.callLog.count('ecs:DescribeServices')).toBe(1);
        expect(sb.callLog.count('elbv2:DescribeListeners')).toBe(1);
        const cold = sb.callLog.total();
        await request(cached.server).get(api('payments-api', '/traffic'));
        // Warm: everything from the cache except what moves every second.
        expect(sb.callLog.total() - cold).toBeLessThan(cold);
      } finally {
        await cached.stop();
      }
    });
  });
});

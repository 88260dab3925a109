import {
  CreateServiceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  EnvironmentsResponse,
  HistoryResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { ecsDeployPlugin } from '../plugin';
import {
  ACCOUNT,
  REGION,
  component,
  createCluster,
  createNativeService,
  registerTaskDefinition,
  sandboxClients,
  sandboxConfig,
  serviceArn,
} from '../__testUtils__/sandboxFleet';

const pipelineArn = (name: string) =>
  `arn:aws:codepipeline:${REGION}:${ACCOUNT}:${name}`;

const entities = [
  // As the ECS service template wrote it: the suite's keys for every
  // environment and the awslabs pair for the last. Prod was never created.
  component('payments-api', {
    'ecs-deploy.io/environments': 'dev,staging,prod',
    'ecs-deploy.io/service-arn.dev': serviceArn(
      'storefront-dev',
      'payments-api',
    ),
    'ecs-deploy.io/service-arn.staging': serviceArn(
      'storefront-staging',
      'payments-api',
    ),
    'ecs-deploy.io/service-arn.prod': serviceArn(
      'storefront-prod',
      'payments-api',
    ),
    'aws.amazon.com/amazon-ecs-service-arn': serviceArn(
      'storefront-prod',
      'payments-api',
    ),
  }),
  // Every service exists; prod's pipeline does not.
  component('ledger-api', {
    'ecs-deploy.io/environments': 'dev,prod',
    'ecs-deploy.io/service-arn.dev': serviceArn('storefront-dev', 'ledger-api'),
    'ecs-deploy.io/service-arn.prod': serviceArn(
      'storefront-prod',
      'ledger-api',
    ),
    'ecs-deploy.io/pipeline-arn.prod': pipelineArn('ledger-api-prod'),
  }),
  component('gone-api', {
    'ecs-deploy.io/service-arn.prod': serviceArn('storefront-prod', 'gone-api'),
  }),
  component('checkout-web', {
    'ecs-deploy.io/service-arn.prod': serviceArn(
      'storefront-prod',
      'checkout-web',
    ),
  }),
];

const api = (name: string, path: string) =>
  `/api/ecs-deploy/entities/component/default/${name}${path}`;

const missingPaymentsProd = {
  name: 'NotFoundError',
  message: `ECS service payments-api was not found in ${ACCOUNT} / ${REGION} (ecs-deploy.io/service-arn.prod)`,
  code: 'ResourceNotFound',
  statusCode: 404,
  resource: {
    type: 'ecs-service',
    name: 'payments-api',
    accountId: ACCOUNT,
    region: REGION,
    arn: serviceArn('storefront-prod', 'payments-api'),
  },
  annotation: 'ecs-deploy.io/service-arn.prod',
};

// Over HTTP against a sandbox on a shared CI machine: allow slow runs.
jest.setTimeout(60_000);

describe('resources the entity names that AWS does not know, and workers', () => {
  let sb: RunningSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    const clients = sandboxClients(sb);
    for (const env of ['dev', 'staging', 'prod']) {
      await createCluster(clients, `storefront-${env}`);
    }
    // Rolling services without a load balancer (workers), each deployed
    // twice so that its history has entries.
    const worker = async (cluster: string, name: string) => {
      const v1 = await registerTaskDefinition(clients, name, 'aaaaaaa');
      await clients.ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: name,
          taskDefinition: v1,
          desiredCount: 1,
        }),
      );
      advanceSandbox(sb, 70_000);
      const v2 = await registerTaskDefinition(clients, name, 'bbbbbbb');
      await clients.ecs.send(
        new UpdateServiceCommand({
          cluster,
          service: name,
          taskDefinition: v2,
        }),
      );
      advanceSandbox(sb, 70_000);
    };
    await worker('storefront-dev', 'payments-api');
    await worker('storefront-staging', 'payments-api');
    await worker('storefront-dev', 'ledger-api');
    await worker('storefront-prod', 'ledger-api');
    await createNativeService(sb, clients, 'checkout-web', 'storefront-prod', {
      strategy: 'ROLLING',
    });
    clients.destroy();
    backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({ data: sandboxConfig(sb) }),
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sb?.close();
  });

  describe('history', () => {
    it('answers with the other environments and reports the one whose service does not exist', async () => {
      const res = await request(backend.server).get(
        api('payments-api', '/history'),
      );
      expect(res.status).toBe(200);
      const body = res.body as HistoryResponse;
      expect(new Set(body.items.map(i => i.environment))).toEqual(
        new Set(['dev', 'staging']),
      );
      expect(body.unreadable).toEqual([
        { environment: 'prod', error: missingPaymentsProd },
      ]);
    });

    it('pages on with the cursor, still reporting the unreadable environment', async () => {
      const all = (
        await request(backend.server).get(api('payments-api', '/history'))
      ).body as HistoryResponse;
      const first = await request(backend.server).get(
        api('payments-api', '/history?limit=1'),
      );
      expect(first.status).toBe(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await request(backend.server)
        .get(api('payments-api', '/history'))
        .query({ limit: 1, cursor: first.body.nextCursor });
      expect(second.status).toBe(200);
      expect([...first.body.items, ...second.body.items]).toEqual(
        all.items.slice(0, 2),
      );
      expect(second.body.unreadable).toEqual([
        { environment: 'prod', error: missingPaymentsProd },
      ]);
    });

    it('leaves out an environment whose pipeline does not exist, naming the pipeline', async () => {
      const res = await request(backend.server).get(
        api('ledger-api', '/history'),
      );
      expect(res.status).toBe(200);
      const body = res.body as HistoryResponse;
      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items.every(i => i.environment === 'dev')).toBe(true);
      expect(body.unreadable).toEqual([
        {
          environment: 'prod',
          error: {
            name: 'NotFoundError',
            message: `CodePipeline pipeline ledger-api-prod was not found in ${ACCOUNT} / ${REGION} (ecs-deploy.io/pipeline-arn.prod)`,
            code: 'ResourceNotFound',
            statusCode: 404,
            resource: {
              type: 'codepipeline',
              name: 'ledger-api-prod',
              accountId: ACCOUNT,
              region: REGION,
              arn: pipelineArn('ledger-api-prod'),
            },
            annotation: 'ecs-deploy.io/pipeline-arn.prod',
          },
        },
      ]);
    });

    it('answers 404 ResourceNotFound naming the service when it is the only environment asked for', async () => {
      const res = await request(backend.server).get(
        api('payments-api', '/history?environment=prod'),
      );
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({
        name: 'NotFoundError',
        message: missingPaymentsProd.message,
        code: 'ResourceNotFound',
      });
    });
  });

  describe('environments and traffic', () => {
    it('reports the missing service in its place, with no invented controller, and no awslabs environment', async () => {
      const res = await request(backend.server).get(
        api('payments-api', '/environments'),
      );
      expect(res.status).toBe(200);
      const { environments } = res.body as EnvironmentsResponse;
      expect(environments.map(e => e.name)).toEqual(['dev', 'staging', 'prod']);
      const prod = environments[2];
      expect(prod.error).toEqual(missingPaymentsProd);
      expect(prod).not.toHaveProperty('controller');
      expect(prod).not.toHaveProperty('strategy');
      expect(environments[0]).toMatchObject({
        controller: 'ECS',
        strategy: { kind: 'ROLLING' },
      });
    });

    it('reports it on the traffic view too, and says a worker takes no load-balanced traffic', async () => {
      const res = await request(backend.server).get(
        api('payments-api', '/traffic'),
      );
      expect(res.status).toBe(200);
      const [dev, staging, prod] = (res.body as TrafficResponse).environments;
      expect(prod.error).toEqual(missingPaymentsProd);
      expect(prod).not.toHaveProperty('controller');
      expect(prod).not.toHaveProperty('strategy');
      expect(prod).not.toHaveProperty('loadBalanced');
      for (const worker of [dev, staging]) {
        expect(worker).toMatchObject({
          controller: 'ECS',
          loadBalanced: false,
          listeners: [],
        });
        expect(worker.error).toBeUndefined();
      }
    });

    it('says a service behind a load balancer takes load-balanced traffic', async () => {
      const res = await request(backend.server).get(
        api('checkout-web', '/traffic'),
      );
      expect(res.status).toBe(200);
      const [prod] = (res.body as TrafficResponse).environments;
      expect(prod.loadBalanced).toBe(true);
      expect(prod.listeners.length).toBeGreaterThan(0);
    });

    it('fails the whole request with ResourceNotFound when the only environment is missing', async () => {
      for (const path of ['/environments', '/traffic']) {
        const res = await request(backend.server).get(api('gone-api', path));
        expect(res.status).toBe(404);
        expect(res.body.error).toEqual({
          name: 'NotFoundError',
          message: `ECS service gone-api was not found in ${ACCOUNT} / ${REGION} (ecs-deploy.io/service-arn.prod)`,
          code: 'ResourceNotFound',
        });
      }
    });
  });
});

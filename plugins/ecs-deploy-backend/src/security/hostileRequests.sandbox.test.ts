import { TagResourceCommand } from '@aws-sdk/client-ecs';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  ECS_DEPLOY_ACTION_NAMES,
  HistoryResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request, { Response } from 'supertest';
import { ecsDeployPlugin } from '../plugin';
import {
  ACCOUNT,
  component,
  createCluster,
  createCodeDeployService,
  createNativeService,
  sandboxConfig,
  serviceArn,
} from '../__testUtils__/sandboxFleet';
import {
  ActionClients,
  actionClients,
  createApprovalPipeline,
  createRepository,
  createWaitingCodeDeployService,
  ownerTags,
  pipelineArn,
  repositoryArn,
} from '../actions/__testUtils__/actionFleet';
import {
  Backend,
  startActionBackend,
} from '../actions/__testUtils__/actionBackend';
import { toEcsTags } from '@ecs-deploy/plugin-ecs-deploy-node';
import { bindCursor } from '../routes/entityCursor';
import { expectErrorBody, mutatingCalls } from './__testUtils__/errorBody';
import { validBodies } from '../actions/__testUtils__/validBodies';

const CLUSTER = 'storefront-prod';

const entities = [
  component('payments-api', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'payments-api'),
    'ecs-deploy.io/pipeline-arn.prod': pipelineArn('payments-api-prod'),
    'ecs-deploy.io/ecr-repository-arn': repositoryArn('payments-api'),
  }),
  component('billing-api', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'billing-api'),
  }),
  component('ledger-api', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'ledger-api'),
  }),
  component('orders-worker', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'orders-worker'),
  }),
  // its pipeline carries no owner tag: actions on it are refused
  component('untagged-api', {
    'ecs-deploy.io/pipeline-arn.prod': pipelineArn('untagged-api-prod'),
  }),
];

interface Route {
  label: string;
  method: 'get' | 'post';
  /** After `/entities/:kind/:namespace/:name`. */
  path: string;
  query?: Record<string, string>;
  body?: object;
}

/** Every route of the API, with input that passes validation. */
const ROUTES: Route[] = [
  { label: 'GET environments', method: 'get', path: '/environments' },
  { label: 'GET history', method: 'get', path: '/history' },
  {
    label: 'GET deployments/:id',
    method: 'get',
    path: '/deployments/codedeploy:d-ABCDEFGHI',
    query: { environment: 'prod' },
  },
  { label: 'GET traffic', method: 'get', path: '/traffic' },
  {
    label: 'GET stopped-tasks',
    method: 'get',
    path: '/stopped-tasks',
    query: { environment: 'prod' },
  },
  { label: 'GET ledger', method: 'get', path: '/ledger' },
  {
    label: 'GET promotion-preview',
    method: 'get',
    path: '/promotion-preview',
    query: { from: 'staging', to: 'prod' },
  },
  ...ECS_DEPLOY_ACTION_NAMES.map(
    (action): Route => ({
      label: `POST actions/${action}`,
      method: 'post',
      path: `/actions/${action}`,
      body: validBodies[action],
    }),
  ),
];

/** Refs as raw URL segments: kind, namespace, name. */
const BAD_REFS: Array<[string, string, string, string]> = [
  ['dot-dot namespace and name', 'component', '..', '..'],
  ['encoded dot-dot segments', 'component', '%2E%2E', '%2E%2E'],
  ['a dot namespace', 'component', '.', 'payments-api'],
  ['a dot name', 'component', 'default', '.'],
  ['a dot-dot kind', '%2E%2E', 'default', 'payments-api'],
  ['an encoded slash in the name', 'component', 'default', 'payments%2Fapi'],
  ['an encoded slash in the namespace', 'component', 'default%2F..', 'x'],
  ['a leading dash', 'component', 'default', '-payments-api'],
  ['a 300-character name', 'component', 'default', 'a'.repeat(300)],
  [
    'a by-uid ref',
    'component',
    '..%3Aby-uid',
    '0d2d8b8e-1111-4222-8333-444455556666',
  ],
  ['a NUL byte', 'component', 'default', 'payments%00api'],
  ['a kind starting with a digit', '1component', 'default', 'payments-api'],
];

const ENTITY_BASE = '/api/ecs-deploy/entities';
const api = (name: string, path: string) =>
  `${ENTITY_BASE}/component/default/${name}${path}`;

// Over HTTP against a sandbox on a shared CI machine: allow slow runs.
jest.setTimeout(120_000);

describe('hostile requests to every route', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;
  let foreignCodeDeployId: string;
  let foreignEcsId: string;
  let ledgerApiEcsId: string;

  const send = (
    route: Pick<Route, 'method' | 'query' | 'body'>,
    url: string,
    server = backend.server,
  ) => {
    const req =
      route.method === 'get'
        ? request(server).get(url)
        : request(server)
            .post(url)
            .set(
              'Idempotency-Key',
              `hostile-${Math.random().toString(36).slice(2)}`,
            );
    if (route.query) req.query(route.query);
    return route.body ? req.send(route.body) : req;
  };

  /** Every answer of this suite: a 4xx in the error contract. */
  const expectRefusal = (res: Response) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectErrorBody(res, { ownAccounts: [ACCOUNT] });
  };

  const historyOf = async (
    name: string,
    query: Record<string, string> = {},
  ) => {
    const res = await request(backend.server)
      .get(api(name, '/history'))
      .query(query);
    expect(res.status).toBe(200);
    return res.body as HistoryResponse;
  };

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    await createCluster(clients, CLUSTER);
    await createWaitingCodeDeployService(sb, clients, 'payments-api', CLUSTER, {
      tagged: true,
    });
    await createRepository(clients, 'payments-api', { tagged: true });
    await createApprovalPipeline(
      clients,
      'payments-api-prod',
      'payments-api',
      'prod',
      { owner: 'payments-api' },
    );
    await createApprovalPipeline(
      clients,
      'untagged-api-prod',
      'untagged-api',
      'prod',
      {},
    );
    const billing = await createCodeDeployService(
      sb,
      clients,
      'billing-api',
      CLUSTER,
    );
    foreignCodeDeployId = `codedeploy:${await billing.deploy('2222bbb')}`;
    const ledger = await createNativeService(
      sb,
      clients,
      'ledger-api',
      CLUSTER,
      {
        strategy: 'ROLLING',
      },
    );
    await ledger.update('3333ccc');
    // tagged for its entity: a rollback of a foreign id meets the state check
    await clients.ecs.send(
      new TagResourceCommand({
        resourceArn: serviceArn(CLUSTER, 'ledger-api'),
        tags: toEcsTags(ownerTags('ledger-api')),
      }),
    );
    const orders = await createNativeService(
      sb,
      clients,
      'orders-worker',
      CLUSTER,
      { strategy: 'ROLLING' },
    );
    await orders.update('4444ddd');
    advanceSandbox(sb, 10 * 60_000);

    ({ backend } = await startActionBackend(sb, entities));
    foreignEcsId = (await historyOf('orders-worker')).items[0].id;
    ledgerApiEcsId = (await historyOf('ledger-api')).items[0].id;
    // Two refused actions: the ledger of untagged-api has two pages of one.
    for (const key of ['untagged-key-1', 'untagged-key-2']) {
      const refused = await request(backend.server)
        .post(api('untagged-api', '/actions/start-pipeline'))
        .set('Idempotency-Key', key)
        .send({ environment: 'prod' });
      if (refused.status !== 403) throw new Error(refused.text);
    }
    sb.callLog.reset();
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  describe.each(ROUTES)('$label', route => {
    it.each(BAD_REFS)('answers 400 to %s', async (_, kind, namespace, name) => {
      const res = await send(
        route,
        `${ENTITY_BASE}/${kind}/${namespace}/${name}${route.path}`,
      );
      expect(res.status).toBe(400);
      expectRefusal(res);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(/\b(kind|namespace|name): /);
    });

    it('answers 401 without credentials', async () => {
      const res = await send(route, api('payments-api', route.path)).set(
        'Authorization',
        mockCredentials.none.header(),
      );
      expect(res.status).toBe(401);
      expectRefusal(res);
      expect(res.body.error.code).toBe('Unauthenticated');
    });
  });

  it('answers 401 without credentials on an unknown path too', async () => {
    const res = await request(backend.server)
      .get('/api/ecs-deploy/anything')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expectRefusal(res);
  });

  it.each([
    '/api/ecs-deploy/entities',
    `${ENTITY_BASE}/component/default/payments-api/secrets`,
    `${ENTITY_BASE}/component/default/payments-api/history/..%2F..%2Fledger`,
  ])('answers 404 to the unknown path %s', async path => {
    const res = await request(backend.server).get(path);
    expect(res.status).toBe(404);
    expectRefusal(res);
  });

  describe('history cursors', () => {
    it.each([
      [
        'random base64',
        Buffer.from('\u0001\u00ff garbage').toString('base64url'),
      ],
      [
        'a cursor-like value without the entity',
        Buffer.from(
          JSON.stringify({ v: 1, f: '*|', s: { 'prod:ecs': ['x', 0, 0] } }),
        ).toString('base64url'),
      ],
      [
        'a bound cursor with a malformed inside',
        bindCursor('component:default/ledger-api', '!!'),
      ],
      [
        'a bound cursor with a forged AWS token',
        bindCursor(
          'component:default/ledger-api',
          Buffer.from(
            JSON.stringify({
              v: 1,
              f: '*|',
              s: { 'prod:ecs': ['forged-token', 0, 0] },
            }),
          ).toString('base64url'),
        ),
      ],
      ['a huge cursor', 'A'.repeat(9000)],
    ])('answers 400 to %s', async (_, cursor) => {
      const res = await request(backend.server)
        .get(api('ledger-api', '/history'))
        .query({ cursor });
      expect(res.status).toBe(400);
      expectRefusal(res);
      // the forged token reaches AWS, which refuses it
      expect(res.body.error.message).toMatch(/cursor|token/i);
    });

    it("answers 400 to another entity's cursor", async () => {
      const orders = await historyOf('orders-worker', { limit: '1' });
      expect(orders.nextCursor).toBeDefined();
      const res = await request(backend.server)
        .get(api('ledger-api', '/history'))
        .query({ limit: '1', cursor: orders.nextCursor! });
      expect(res.status).toBe(400);
      expectRefusal(res);
      expect(res.body.error.message).toMatch(/cursor: /);
    });
  });

  describe('ledger cursors', () => {
    it.each([
      [
        'random base64',
        Buffer.from('\u0001\u00ff garbage').toString('base64url'),
      ],
      [
        'a ledger-like value without the entity',
        Buffer.from(
          JSON.stringify({ c: new Date().toISOString(), i: 'x' }),
        ).toString('base64url'),
      ],
      [
        'a bound cursor with a malformed inside',
        bindCursor('component:default/payments-api', 'e30'),
      ],
      ['a huge cursor', 'A'.repeat(600)],
    ])('answers 400 to %s', async (_, cursor) => {
      const res = await request(backend.server)
        .get(api('payments-api', '/ledger'))
        .query({ cursor });
      expect(res.status).toBe(400);
      expectRefusal(res);
      expect(res.body.error.message).toMatch(/cursor/);
    });

    it("answers 400 to another entity's cursor", async () => {
      const own = await request(backend.server)
        .get(api('untagged-api', '/ledger'))
        .query({ limit: '1' });
      expect(own.status).toBe(200);
      expect(own.body.nextCursor).toBeDefined();
      const res = await request(backend.server)
        .get(api('payments-api', '/ledger'))
        .query({ limit: '1', cursor: own.body.nextCursor });
      expect(res.status).toBe(400);
      expectRefusal(res);
    });
  });

  describe('foreign deployment ids', () => {
    it("answers 404 to another deployment group's CodeDeploy id", async () => {
      const res = await request(backend.server)
        .get(api('payments-api', `/deployments/${foreignCodeDeployId}`))
        .query({ environment: 'prod' });
      expect(res.status).toBe(404);
      expectRefusal(res);
    });

    it("answers 404 to another service's ECS deployment id", async () => {
      expect(foreignEcsId).toMatch(/^ecs:/);
      expect(foreignEcsId).not.toBe(ledgerApiEcsId);
      const res = await request(backend.server)
        .get(api('ledger-api', `/deployments/${foreignEcsId}`))
        .query({ environment: 'prod' });
      expect(res.status).toBe(404);
      expectRefusal(res);
    });

    it.each(['continue', 'finish-early', 'rollback'] as const)(
      "refuses to %s another deployment group's deployment",
      async action => {
        const res = await send(
          {
            method: 'post',
            body: { environment: 'prod', deploymentId: foreignCodeDeployId },
          },
          api('payments-api', `/actions/${action}`),
        );
        expect(res.status).toBe(404);
        expectRefusal(res);
      },
    );

    it("refuses to roll back another service's ECS deployment", async () => {
      const res = await send(
        {
          method: 'post',
          body: { environment: 'prod', deploymentId: foreignEcsId },
        },
        api('ledger-api', '/actions/rollback'),
      );
      expect(res.status).toBe(404);
      expectRefusal(res);
    });
  });

  describe.each(ECS_DEPLOY_ACTION_NAMES)('POST actions/%s', action => {
    const url = () => api('payments-api', `/actions/${action}`);
    const post = () =>
      request(backend.server)
        .post(url())
        .set(
          'Idempotency-Key',
          `hostile-${Math.random().toString(36).slice(2)}`,
        );

    it('answers 413 to a body over the JSON limit', async () => {
      const res = await post().send({
        ...validBodies[action],
        padding: 'x'.repeat(200 * 1024),
      });
      expect(res.status).toBe(413);
      expectRefusal(res);
      expect(res.body.error.code).toBe('PayloadTooLarge');
    });

    it('answers 400 to malformed JSON', async () => {
      const res = await post()
        .set('Content-Type', 'application/json')
        .send('{"environment": "prod",');
      expect(res.status).toBe(400);
      expectRefusal(res);
      expect(res.body.error.message).toMatch(/body/);
    });

    it.each([
      ['text/plain', JSON.stringify(validBodies[action])],
      ['application/x-www-form-urlencoded', 'environment=prod'],
      ['application/xml', '<environment>prod</environment>'],
    ])('answers 400 to a %s body', async (type, body) => {
      const res = await post().set('Content-Type', type).send(body);
      expect(res.status).toBe(400);
      expectRefusal(res);
    });

    it('answers 415 to an unsupported charset', async () => {
      const res = await post()
        .set('Content-Type', 'application/json; charset=ebcdic-x')
        .send(JSON.stringify(validBodies[action]));
      expect(res.status).toBe(415);
      expectRefusal(res);
    });

    it('answers 400 to a body without its fields', async () => {
      const res = await post().send({});
      expect(res.status).toBe(400);
      expectRefusal(res);
      expect(res.body.error.message).toMatch(/environment: /);
    });

    it('answers 400 to a JSON array or string body', async () => {
      for (const body of ['[]', '"prod"', 'null']) {
        const res = await post()
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(400);
        expectRefusal(res);
      }
    });
  });

  it.each([
    'deploy-everything',
    '%2E%2E',
    'constructor',
    '__proto__',
    'CONTINUE',
  ])('answers 404 to the unknown action %s', async action => {
    // one path per action in the spec: another name is no endpoint
    const res = await send(
      { method: 'post', body: { environment: 'prod' } },
      api('payments-api', `/actions/${action}`),
    );
    expect(res.status).toBe(404);
    expectRefusal(res);
    expect(res.body.error.code).toBe('NotFound');
  });

  // Last in this describe block: Jest runs tests in the order they are declared.
  it('changed nothing in AWS across the suite', () => {
    expect(sb.callLog.total()).toBeGreaterThan(0);
    expect(mutatingCalls(sb.callLog.counts())).toEqual([]);
  });
});

describe('a catalog that answers with another entity', () => {
  let sb: RunningSandbox;
  let backend: Backend;
  const payments = entities[0];

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    const catalog = catalogServiceMock.mock({
      // whatever is asked, the catalog answers with payments-api
      getEntityByRef: async () => payments,
    });
    backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({ data: sandboxConfig(sb) }),
        catalog.factory,
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sb?.close();
  });

  it.each(ROUTES)('answers 404 on $label, without AWS calls', async route => {
    sb.callLog.reset();
    const res = await request(backend.server)
      [route.method](api('ledger-api', route.path))
      .set('Idempotency-Key', 'mismatch-key-1')
      .query(route.query ?? {})
      .send(route.body);
    expect(res.status).toBe(404);
    expectErrorBody(res, { ownAccounts: [ACCOUNT] });
    expect(res.body.error.message).toBe(
      'Entity component:default/ledger-api not found',
    );
    expect(sb.callLog.total()).toBe(0);
  });

  it('serves the entity it asks for under its own ref', async () => {
    const res = await request(backend.server).get(
      `${ENTITY_BASE}/Component/default/PAYMENTS-API/environments`,
    );
    // Refs compare case-insensitively: the entity passes and AWS is asked
    // (this sandbox has no such service).
    expect(res.status).toBe(404);
    expect(res.body.error.message).not.toMatch(/^Entity /);
    expect(sb.callLog.total()).toBeGreaterThan(0);
  });
});

import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { FRESH_READ_HEADER } from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployClient } from './EcsDeployClient';

const baseUrl = 'http://backstage.test/api/ecs-deploy';
const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};
const entityUrl = `${baseUrl}/entities/Component/default/payments-api`;

describe('EcsDeployClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const fetchImpl = jest.fn((input: RequestInfo | URL, init?: RequestInit) =>
    fetch(input, init),
  );
  const client = new EcsDeployClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: fetchImpl },
  });

  beforeEach(() => fetchImpl.mockClear());

  it('reads the environments of an entity', async () => {
    server.use(
      http.get(`${entityUrl}/environments`, () =>
        HttpResponse.json({
          entityRef: 'component:default/payments-api',
          environments: [],
        }),
      ),
    );
    await expect(client.getEnvironments(entity)).resolves.toEqual({
      entityRef: 'component:default/payments-api',
      environments: [],
    });
    // The user's token is added by the fetchApi, so every call must use it.
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('sends history filters and the cursor as query parameters', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${entityUrl}/history`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [], nextCursor: 'next' });
      }),
    );
    await client.getHistory(entity, {
      environment: 'prod',
      status: ['FAILED', 'ROLLED_BACK'],
      cursor: 'abc==',
      limit: 50,
    });
    expect(seen?.searchParams.get('environment')).toBe('prod');
    expect(seen?.searchParams.get('status')).toBe('FAILED,ROLLED_BACK');
    expect(seen?.searchParams.get('cursor')).toBe('abc==');
    expect(seen?.searchParams.get('limit')).toBe('50');
  });

  it('leaves out filters that are not set', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${entityUrl}/history`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [] });
      }),
    );
    await client.getHistory(entity);
    expect(seen?.search).toBe('');
  });

  it('encodes the deployment id into the path', async () => {
    let path: string | undefined;
    let environment: string | null = null;
    server.use(
      http.get(`${entityUrl}/deployments/:id`, ({ request, params }) => {
        path = String(params.id);
        environment = new URL(request.url).searchParams.get('environment');
        return HttpResponse.json({ deployment: {} });
      }),
    );
    await client.getDeployment(entity, {
      deploymentId: 'codedeploy:d-ABC123',
      environment: 'staging',
    });
    expect(path).toBe('codedeploy:d-ABC123');
    expect(environment).toBe('staging');
  });

  it('turns an error response into a ResponseError with the backend message', async () => {
    server.use(
      http.get(`${entityUrl}/traffic`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'elasticloadbalancing:DescribeListeners is not allowed',
            },
            request: { method: 'GET', url: '/traffic' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const error = await client.getTraffic(entity).catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe(
      'elasticloadbalancing:DescribeListeners is not allowed',
    );
  });

  it('posts an action with its idempotency key and without the action in the body', async () => {
    let headers: Headers | undefined;
    let body: unknown;
    server.use(
      http.post(`${entityUrl}/actions/approve`, async ({ request }) => {
        headers = request.headers;
        body = await request.json();
        return HttpResponse.json({ message: 'Approved', ledgerEntry: {} });
      }),
    );
    await client.performAction(
      entity,
      {
        action: 'approve',
        environment: 'prod',
        pipelineExecutionId: 'exec-1',
        decision: 'Approved',
        comment: 'looks good',
      },
      { idempotencyKey: 'key-1' },
    );
    expect(headers?.get('Idempotency-Key')).toBe('key-1');
    expect(headers?.get('Content-Type')).toBe('application/json');
    expect(body).toEqual({
      environment: 'prod',
      pipelineExecutionId: 'exec-1',
      decision: 'Approved',
      comment: 'looks good',
    });
  });

  it('reads the promotion preview and the ledger', async () => {
    server.use(
      http.get(`${entityUrl}/promotion-preview`, ({ request }) => {
        const url = new URL(request.url);
        return HttpResponse.json({
          from: url.searchParams.get('from'),
          to: url.searchParams.get('to'),
        });
      }),
      http.get(`${entityUrl}/ledger`, () =>
        HttpResponse.json({ items: [{ id: '1' }] }),
      ),
    );
    await expect(
      client.getPromotionPreview(entity, { from: 'dev', to: 'staging' }),
    ).resolves.toEqual({ from: 'dev', to: 'staging' });
    await expect(client.getLedger(entity)).resolves.toEqual({
      items: [{ id: '1' }],
    });
  });

  it('asks for the metrics of a window and environment as query parameters', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${entityUrl}/metrics`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ windowDays: 90 });
      }),
    );
    await expect(
      client.getMetrics(entity, { windowDays: 90, environment: 'prod' }),
    ).resolves.toEqual({ windowDays: 90 });
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      window: '90',
      environment: 'prod',
    });
    await client.getMetrics(entity);
    expect(seen!.search).toBe('');
  });

  describe('a fresh read', () => {
    const reads: Array<[string, string, () => Promise<unknown>]> = [
      [
        'environments',
        '/environments',
        () => client.getEnvironments(entity, { fresh: true }),
      ],
      [
        'history',
        '/history',
        () => client.getHistory(entity, { limit: 50 }, { fresh: true }),
      ],
      [
        'deployment',
        '/deployments/d-1',
        () =>
          client.getDeployment(entity, {
            deploymentId: 'd-1',
            environment: 'prod',
            fresh: true,
          }),
      ],
      [
        'traffic',
        '/traffic',
        () => client.getTraffic(entity, { environment: 'prod', fresh: true }),
      ],
      [
        'ledger',
        '/ledger',
        () => client.getLedger(entity, { limit: 100, fresh: true }),
      ],
    ];

    it.each(reads)(
      'of the %s sends the fresh header, not a query parameter',
      async (_name, path, read) => {
        let seen: Request | undefined;
        server.use(
          http.get(`${entityUrl}${path}`, ({ request }) => {
            seen = request;
            return HttpResponse.json({ items: [], environments: [] });
          }),
        );
        await read();
        expect(seen?.headers.get(FRESH_READ_HEADER)).toBe('1');
        expect(new URL(seen!.url).searchParams.has('fresh')).toBe(false);
      },
    );

    it('is not what a plain read asks for', async () => {
      const headers: Array<string | null> = [];
      server.use(
        http.get(`${entityUrl}/traffic`, ({ request }) => {
          headers.push(request.headers.get(FRESH_READ_HEADER));
          return HttpResponse.json({ environments: [] });
        }),
        http.get(`${entityUrl}/environments`, ({ request }) => {
          headers.push(request.headers.get(FRESH_READ_HEADER));
          return HttpResponse.json({ environments: [] });
        }),
      );
      await client.getTraffic(entity, { environment: 'prod' });
      await client.getEnvironments(entity, { fresh: false });
      expect(headers).toEqual([null, null]);
    });
  });
});

import http from 'node:http';
import { test, expect, APIRequestContext } from '@playwright/test';

// Hostile requests to the running portal's ECS Deploy API: every one is
// answered 4xx in the plugin's error shape, with nothing from inside, and no
// mutating AWS call reaches the sandbox (its call log, read with the control
// token app-config.e2e.yaml fixes).

const backend = 'http://localhost:7007';
const api = `${backend}/api/ecs-deploy`;
const sandbox = {
  url: 'http://127.0.0.1:4599/_sandbox',
  headers: { authorization: 'Bearer e2e-sandbox-control-token' },
};
const MUTATING =
  /:(Create|Update|Put|Start|Stop|Continue|Register|Delete|Modify|Tag|Retry)/;

/**
 * A GET whose path reaches the server byte for byte: URL parsers (the
 * browser's, Playwright's) would resolve `%2E%2E` before sending it.
 */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string>; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: 7007, path, headers },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string>,
            body: JSON.parse(text),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(
    `${backend}/api/auth/guest/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

async function mutatingCalls(request: APIRequestContext): Promise<number> {
  const res = await request.get(`${sandbox.url}/calls`, {
    headers: sandbox.headers,
  });
  expect(res.ok()).toBe(true);
  const { counts } = (await res.json()) as { counts: Record<string, number> };
  return Object.entries(counts)
    .filter(([key]) => MUTATING.test(key))
    .reduce((sum, [, n]) => sum + n, 0);
}

test('hostile requests to the ECS Deploy API answer 4xx and change nothing', async ({
  request,
}) => {
  const token = await guestToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const before = await mutatingCalls(request);
  const payments = `${api}/entities/component/default/payments-api`;
  // The portal answers before the catalog has read its locations: until the
  // entity is there every route says 404, whatever else is wrong.
  await expect(async () => {
    const res = await request.get(`${payments}/environments`, {
      headers: auth,
    });
    expect(res.status()).toBe(200);
  }).toPass({ timeout: 60_000 });

  type Answer = {
    status: number;
    headers: Record<string, string>;
    body: any;
  };
  const viaPlaywright =
    (send: () => ReturnType<APIRequestContext['get']>) =>
    async (): Promise<Answer> => {
      const res = await send();
      return {
        status: res.status(),
        headers: res.headers(),
        body: await res.json(),
      };
    };
  const attempts: Array<{
    what: string;
    send: () => Promise<Answer>;
    status: number;
  }> = [
    {
      what: 'dot segments in the ref',
      send: () =>
        rawGet(
          '/api/ecs-deploy/entities/component/%2E%2E/%2E%2E/environments',
          auth,
        ),
      status: 400,
    },
    {
      what: 'a by-uid-like ref',
      send: () =>
        rawGet(
          '/api/ecs-deploy/entities/component/..:by-uid/0000/environments',
          auth,
        ),
      status: 400,
    },
    {
      what: 'a forged history cursor',
      send: viaPlaywright(() =>
        request.get(`${payments}/history?cursor=bm90LWEtY3Vyc29y`, {
          headers: auth,
        }),
      ),
      status: 400,
    },
    {
      what: 'a foreign deployment id',
      send: viaPlaywright(() =>
        request.get(
          `${payments}/deployments/codedeploy:d-FOREIGN00?environment=prod`,
          { headers: auth },
        ),
      ),
      status: 404,
    },
    {
      what: "an action on another team's service",
      send: viaPlaywright(() =>
        request.post(
          `${api}/entities/component/default/checkout-web/actions/start-pipeline`,
          { headers: auth, data: { environment: 'prod' } },
        ),
      ),
      status: 403,
    },
    {
      what: 'malformed JSON',
      send: viaPlaywright(() =>
        request.post(`${payments}/actions/start-pipeline`, {
          headers: { ...auth, 'content-type': 'application/json' },
          data: '{"environment":',
        }),
      ),
      status: 400,
    },
    {
      what: 'a body over the limit',
      send: viaPlaywright(() =>
        request.post(`${payments}/actions/start-pipeline`, {
          headers: { ...auth, 'content-type': 'application/json' },
          data: JSON.stringify({
            environment: 'dev',
            pad: 'x'.repeat(200_000),
          }),
        }),
      ),
      status: 413,
    },
    {
      what: 'no token',
      send: viaPlaywright(() => request.get(`${payments}/environments`)),
      status: 401,
    },
  ];

  for (const attempt of attempts) {
    const res = await attempt.send();
    expect({ what: attempt.what, status: res.status }).toEqual({
      what: attempt.what,
      status: attempt.status,
    });
    const body = res.body;
    expect(Object.keys(body).sort()).toEqual([
      'error',
      'requestId',
      'response',
    ]);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'name']);
    expect(body.requestId).toBe(res.headers['x-request-id']);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(
      /stack|\$metadata|\$fault|cause|arn:aws:(iam|sts)/,
    );
  }
  expect(await mutatingCalls(request)).toBe(before);
});

import http from 'node:http';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { sandboxClientConfig, sandboxControl } from '../testUtils';
import { startSandbox, type RunningSandbox } from './startSandbox';

/*
 * The doors of the sandbox: the control API wants its token and JSON bodies,
 * and nothing is served to a Host other than the loopback interface (DNS
 * rebinding). The clock is frozen (speed 0), so only an accepted
 * clock/advance moves it.
 */

/** A raw request, for the headers fetch will not send (Host). */
function rawRequest(
  sb: RunningSandbox,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<{
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: sb.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers,
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('control API access', () => {
  let sb: RunningSandbox;
  let frozenAt: number;
  beforeEach(async () => {
    sb = await startSandbox({ speed: 0 });
    frozenAt = sb.clock.nowMs();
  });
  afterEach(() => sb.close());

  const advanceRequest = (headers: Record<string, string>, body: string) =>
    fetch(`${sb.url}/_sandbox/clock/advance`, {
      method: 'POST',
      headers,
      body,
    });

  it('refuses a request without the token, and the clock stays', async () => {
    const res = await advanceRequest(
      { 'content-type': 'application/json' },
      JSON.stringify({ ms: 60_000 }),
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await res.json()).error).toMatch(/control token/);
    expect(sb.clock.nowMs()).toBe(frozenAt);

    const health = await fetch(`${sb.url}/_sandbox/health`);
    expect(health.status).toBe(401);
  });

  it('refuses a wrong token', async () => {
    const res = await advanceRequest(
      {
        'content-type': 'application/json',
        authorization: `Bearer ${sb.controlToken}x`,
      },
      JSON.stringify({ ms: 60_000 }),
    );
    expect(res.status).toBe(401);
    const wrongScheme = await fetch(`${sb.url}/_sandbox/faults`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${sb.controlToken}`,
      },
      body: JSON.stringify({ '*': { dropRate: 1 } }),
    });
    expect(wrongScheme.status).toBe(401);
    expect(sb.faults.get()).toEqual({});
    expect(sb.clock.nowMs()).toBe(frozenAt);
  });

  it('refuses the no-cors request a web page can send', async () => {
    const res = await fetch(`${sb.url}/_sandbox/clock/advance`, {
      method: 'POST',
      mode: 'no-cors',
      body: '{"ms":1e9}',
    });
    expect(res.status).toBe(401);
    expect(sb.clock.nowMs()).toBe(frozenAt);
  });

  it('wants a JSON object as the body, even with the token', async () => {
    const authorization = `Bearer ${sb.controlToken}`;
    const textPlain = await advanceRequest(
      { authorization, 'content-type': 'text/plain' },
      '{"ms":1e9}',
    );
    expect(textPlain.status).toBe(415);
    const none = await rawRequest(sb, {
      method: 'POST',
      path: '/_sandbox/clock/advance',
      headers: { authorization },
      body: '{"ms":1e9}',
    });
    expect(none.status).toBe(415);

    const notJson = await advanceRequest(
      { authorization, 'content-type': 'application/json' },
      'ms=1000000000',
    );
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/not valid JSON/);
    const notObject = await advanceRequest(
      { authorization, 'content-type': 'application/json' },
      '[1]',
    );
    expect(notObject.status).toBe(400);
    expect(sb.clock.nowMs()).toBe(frozenAt);

    const withCharset = await advanceRequest(
      { authorization, 'content-type': 'application/json; charset=utf-8' },
      '{"ms":60000}',
    );
    expect(withCharset.status).toBe(200);
    expect(sb.clock.nowMs()).toBe(frozenAt + 60_000);
  });

  it('serves a foreign Host nothing: 403 on control routes and AWS calls', async () => {
    const foreign = { host: `evil.example:${sb.port}` };
    const control = await rawRequest(sb, {
      method: 'POST',
      path: '/_sandbox/clock/advance',
      headers: {
        ...foreign,
        authorization: `Bearer ${sb.controlToken}`,
        'content-type': 'application/json',
      },
      body: '{"ms":60000}',
    });
    expect(control.status).toBe(403);
    expect(JSON.parse(control.body).error).toMatch(/evil\.example/);
    expect(sb.clock.nowMs()).toBe(frozenAt);

    const json = await rawRequest(sb, {
      method: 'POST',
      headers: {
        ...foreign,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
      },
      body: '{}',
    });
    expect(json.status).toBe(403);
    expect(json.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(JSON.parse(json.body)).toMatchObject({
      __type: 'AccessDeniedException',
    });

    const query = await rawRequest(sb, {
      method: 'POST',
      headers: {
        ...foreign,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'Action=DescribeLoadBalancers&Version=2015-12-01',
    });
    expect(query.status).toBe(403);
    expect(query.body).toContain('<Code>AccessDenied</Code>');
    expect(sb.callLog.total()).toBe(0);
  });

  it('answers an SDK client whose Host was rewritten with AccessDeniedException', async () => {
    const ecs = new ECSClient(sandboxClientConfig(sb));
    ecs.middlewareStack.add(
      next => async args => {
        (args.request as { headers: Record<string, string> }).headers.host =
          'rebound.example';
        return next(args);
      },
      { step: 'finalizeRequest', name: 'rebindHost', priority: 'low' },
    );
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    ecs.destroy();
  });

  it('serves the loopback names, with the token', async () => {
    for (const host of [
      `127.0.0.1:${sb.port}`,
      `localhost:${sb.port}`,
      'LOCALHOST',
      `[::1]:${sb.port}`,
    ]) {
      const res = await rawRequest(sb, {
        path: '/_sandbox/health',
        headers: { host, authorization: `Bearer ${sb.controlToken}` },
      });
      expect({ host, status: res.status }).toEqual({ host, status: 200 });
    }
    const ecs = new ECSClient(sandboxClientConfig(sb));
    await expect(ecs.send(new ListClustersCommand({}))).resolves.toMatchObject({
      clusterArns: [],
    });
    ecs.destroy();
  });

  it('drives everything through sandboxControl', async () => {
    const control = sandboxControl(sb);
    expect(await control.health()).toMatchObject({ status: 'ok', speed: 0 });
    expect(await control.setFaults({ 'ecs:*': { latencyMs: 1 } })).toEqual({
      'ecs:*': { latencyMs: 1 },
    });
    expect(await control.faults()).toEqual({ 'ecs:*': { latencyMs: 1 } });
    await expect(
      control.setFaults({ '*': { throttleRate: 2 } }),
    ).rejects.toThrow(/400: \*\.throttleRate must be a number between 0 and 1/);
    expect(await control.advance(60_000)).toBe(
      new Date(frozenAt + 60_000).toISOString(),
    );
    const ecs = new ECSClient(sandboxClientConfig(sb));
    await ecs.send(new ListClustersCommand({}));
    ecs.destroy();
    expect(await control.calls({ entries: true })).toMatchObject({
      total: 1,
      counts: { 'ecs:ListClusters': 1 },
      entries: [expect.objectContaining({ status: 200 })],
    });
    await control.resetCalls();
    expect(await control.calls()).toEqual({ total: 0, counts: {} });
  });
});

describe('control token', () => {
  it('is new at every start unless given', async () => {
    const a = await startSandbox();
    const b = await startSandbox();
    const fixed = await startSandbox({ controlToken: 'fixed-token-for-e2e' });
    try {
      expect(a.controlToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(b.controlToken).not.toBe(a.controlToken);
      expect(fixed.controlToken).toBe('fixed-token-for-e2e');
      await expect(
        sandboxControl({ url: a.url, controlToken: b.controlToken }).health(),
      ).rejects.toThrow(/401/);
      await expect(sandboxControl(fixed).health()).resolves.toMatchObject({
        status: 'ok',
      });
    } finally {
      await Promise.all([a.close(), b.close(), fixed.close()]);
    }
  });

  it('refuses an empty or spaced token', async () => {
    await expect(startSandbox({ controlToken: '' })).rejects.toThrow(
      /controlToken/,
    );
    await expect(startSandbox({ controlToken: 'a b' })).rejects.toThrow(
      /controlToken/,
    );
  });
});

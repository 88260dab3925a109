import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AwsError } from '../core/AwsError';
import type { ServiceDefinition, ServiceModule } from '../core/types';
import { sandboxControl } from '../testUtils';
import { startSandbox, type RunningSandbox } from './startSandbox';

/*
 * The server and protocol layer with two tiny fake services, one per protocol.
 * The real services' conformance tests drive the same layer with the SDK.
 */

const counterModule: ServiceModule = {
  name: 'counter',
  create() {
    let value = 0;
    let ticks = 0;
    const definitions: ServiceDefinition[] = [
      {
        name: 'counter',
        protocol: 'json1.1',
        targetPrefix: 'Counter_20240101',
        validationErrorCode: 'InvalidParameterException',
        operations: {
          Add: (input: { by?: number }, ctx) => {
            if (typeof input.by !== 'number') {
              throw new AwsError('InvalidParameterException', 'by is required');
            }
            value += input.by;
            return {
              value,
              region: ctx.region,
              account: ctx.accountId,
              at: new Date(0),
              ticks,
            };
          },
          Explode: () => {
            throw new Error('boom');
          },
          // reads a member of input that is not there
          Shape: (input: { nested?: { deep: { value: number } } }) =>
            input.nested!.deep.value,
        },
      },
      {
        name: 'echo',
        protocol: 'query',
        apiVersion: '2015-12-01',
        xmlNamespace: 'http://example.com/doc/2015-12-01/',
        operations: {
          Echo: (input: Record<string, unknown>) => ({
            Items: input.Items,
            When: new Date(0),
          }),
          Missing: () => {
            throw new AwsError('ListenerNotFound', 'no such listener');
          },
        },
      },
    ];
    return {
      store: {
        tick: () => {
          ticks += 1;
        },
        snapshot: () => ({ value }),
        restore: data => {
          value = (data as { value: number }).value;
        },
      },
      definitions,
    };
  },
};

function jsonCall(
  sb: RunningSandbox,
  target: string,
  body: string,
  headers: Record<string, string> = {},
) {
  return fetch(sb.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      ...headers,
    },
    body,
  });
}

describe('startSandbox', () => {
  let sb: RunningSandbox;
  afterEach(async () => {
    await sb?.close();
  });

  it('dispatches JSON 1.1 by target, with region and account from the signature', async () => {
    sb = await startSandbox({ modules: [counterModule] });
    const res = await jsonCall(sb, 'Counter_20240101.Add', '{"by":2}', {
      authorization:
        'AWS4-HMAC-SHA256 Credential=222222222222/20240101/us-east-2/counter/aws4_request, SignedHeaders=host, Signature=x',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const body = await res.json();
    expect(body).toMatchObject({
      value: 2,
      region: 'us-east-2',
      account: '222222222222',
      at: 0,
    });
    expect(body.ticks).toBeGreaterThan(0);
    expect(sb.callLog.count('counter:Add')).toBe(1);
  });

  it("answers with its own clock's time in the Date header, as AWS does", async () => {
    const startAt = new Date('2031-05-01T10:00:00Z');
    sb = await startSandbox({ modules: [counterModule], speed: 0, startAt });
    const first = await jsonCall(sb, 'Counter_20240101.Add', '{"by":1}');
    expect(first.headers.get('date')).toBe(startAt.toUTCString());
    sb.clock.advance(90_000);
    const later = await jsonCall(sb, 'Counter_20240101.Nope', '{}');
    expect(later.status).toBe(400);
    expect(later.headers.get('date')).toBe('Thu, 01 May 2031 10:01:30 GMT');
  });

  it('renders AWS-shaped errors for bad input, unknown targets and crashes', async () => {
    sb = await startSandbox({
      modules: [counterModule],
      logger: { info() {}, warn() {}, error() {} },
    });
    const malformed = await jsonCall(sb, 'Counter_20240101.Add', '{"by":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      __type: 'SerializationException',
    });

    const unknown = await jsonCall(sb, 'Counter_20240101.Nope', '{}');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe(
      'UnknownOperationException',
    );

    const invalid = await jsonCall(sb, 'Counter_20240101.Add', '{}');
    expect(await invalid.json()).toEqual({
      __type: 'InvalidParameterException',
      message: 'by is required',
    });

    const shape = await jsonCall(sb, 'Counter_20240101.Shape', '{}');
    expect(shape.status).toBe(400);
    expect(await shape.json()).toMatchObject({
      __type: 'InvalidParameterException',
    });

    const crash = await jsonCall(sb, 'Counter_20240101.Explode', '{}');
    expect(crash.status).toBe(500);
    expect(await crash.json()).toMatchObject({ __type: 'InternalFailure' });
  });

  it('dispatches Query by Action and answers in XML with member lists', async () => {
    sb = await startSandbox({ modules: [counterModule] });
    const res = await fetch(sb.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=Echo&Version=2015-12-01&Items.member.1.Name=a&Items.member.2.Name=b%26c',
    });
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(
      '<EchoResponse xmlns="http://example.com/doc/2015-12-01/"><EchoResult><Items><member><Name>a</Name></member><member><Name>b&amp;c</Name></member></Items><When>1970-01-01T00:00:00.000Z</When></EchoResult>',
    );
    expect(xml).toMatch(/<ResponseMetadata><RequestId>[-0-9a-f]+<\/RequestId>/);

    const err = await fetch(sb.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=Missing&Version=2015-12-01',
    });
    expect(err.status).toBe(400);
    expect(await err.text()).toContain(
      '<Error><Type>Sender</Type><Code>ListenerNotFound</Code><Message>no such listener</Message></Error>',
    );
  });

  it('injects throttling, server errors and dropped connections per operation', async () => {
    sb = await startSandbox({
      modules: [counterModule],
      faults: { 'counter:Add': { throttleRate: 1 } },
    });
    const throttled = await jsonCall(sb, 'Counter_20240101.Add', '{"by":1}');
    expect(throttled.status).toBe(400);
    expect(await throttled.json()).toMatchObject({
      __type: 'ThrottlingException',
    });

    sb.faults.set('counter:Add', { errorRate: 1 });
    const failed = await jsonCall(sb, 'Counter_20240101.Add', '{"by":1}');
    expect(failed.status).toBe(500);

    sb.faults.replace({ '*': { dropRate: 1 } });
    await expect(
      jsonCall(sb, 'Counter_20240101.Add', '{"by":1}'),
    ).rejects.toThrow();

    sb.faults.clear();
    const ok = await jsonCall(sb, 'Counter_20240101.Add', '{"by":1}');
    expect((await ok.json()).value).toBe(1);
    expect(sb.callLog.count('counter:Add')).toBe(4);
    expect(sb.callLog.entries().map(e => e.status)).toEqual([400, 500, 0, 200]);
  });

  it('serves the control API', async () => {
    sb = await startSandbox({ modules: [counterModule] });
    const control = sandboxControl(sb);
    await jsonCall(sb, 'Counter_20240101.Add', '{"by":1}');
    expect(await control.calls()).toEqual({
      total: 1,
      counts: { 'counter:Add': 1 },
    });

    expect(
      await control.setFaults({ 'counter:*': { throttleRate: 1 } }),
    ).toEqual({ 'counter:*': { throttleRate: 1 } });
    expect(sb.faults.decide('counter', 'Add').kind).toBe('throttle');
    await expect(
      control.setFaults({ '*': { throttleRate: 2 } }),
    ).rejects.toThrow(/answered 400/);

    const before = sb.clock.nowMs();
    await control.advance(3_600_000);
    expect(sb.clock.nowMs() - before).toBeGreaterThanOrEqual(3_600_000);

    await control.resetCalls();
    expect(sb.callLog.total()).toBe(0);
    expect((await control.health()).status).toBe('ok');
  });

  it('saves state on close and restores it at start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sandbox-'));
    const statePath = path.join(dir, 'state.json');
    try {
      sb = await startSandbox({ modules: [counterModule], statePath });
      await jsonCall(sb, 'Counter_20240101.Add', '{"by":5}');
      sb.world.tags.tag('arn:aws:x:::thing', [{ key: 'k', value: 'v' }]);
      sb.clock.advance(86_400_000);
      const savedClock = sb.clock.nowMs();
      await sb.close();

      sb = await startSandbox({ modules: [counterModule], statePath });
      const res = await jsonCall(sb, 'Counter_20240101.Add', '{"by":1}');
      expect((await res.json()).value).toBe(6);
      expect(sb.world.tags.list('arn:aws:x:::thing')).toEqual([
        { key: 'k', value: 'v' },
      ]);
      expect(sb.clock.nowMs()).toBeGreaterThanOrEqual(savedClock);
    } finally {
      await sb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown seed', async () => {
    await expect(
      startSandbox({ modules: [counterModule], seed: 'nope' }),
    ).rejects.toThrow(/Unknown sandbox seed 'nope'/);
  });
});

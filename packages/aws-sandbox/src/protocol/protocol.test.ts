import { startSandbox, type RunningSandbox } from '../server';

/*
 * Malformed requests against the real services: AWS-shaped errors, never a
 * crash or an HTML page.
 */

describe('malformed requests', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox({ logger: { info() {}, warn() {}, error() {} } });
  });
  afterAll(() => sb.close());

  const json = (target: string, body: string) =>
    fetch(sb.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': target,
      },
      body,
    });
  const query = (body: string) =>
    fetch(sb.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

  it.each([
    [
      'AmazonEC2ContainerServiceV20141113.DescribeServices',
      '{not json',
      400,
      'SerializationException',
    ],
    [
      'AmazonEC2ContainerServiceV20141113.DescribeServices',
      '[1,2]',
      400,
      'SerializationException',
    ],
    [
      'AmazonEC2ContainerServiceV20141113.LaunchRockets',
      '{}',
      400,
      'UnknownOperationException',
    ],
    ['NoSuchService_20200101.Anything', '{}', 400, 'UnknownOperationException'],
    [
      'AmazonEC2ContainerServiceV20141113.DescribeServices',
      '{}',
      400,
      'InvalidParameterException',
    ],
    [
      'AmazonEC2ContainerServiceV20141113.DescribeServices',
      '{"services": "x"}',
      400,
      'InvalidParameterException',
    ],
    [
      'AmazonEC2ContainerRegistry_V20150921.PutImage',
      '{"repositoryName": 5}',
      400,
      'InvalidParameterException',
    ],
    [
      'ResourceGroupsTaggingAPI_20170126.GetResources',
      '{"TagFilters": [{}]}',
      400,
      'InvalidParameterException',
    ],
  ])('%s with %s -> %s %s', async (target, body, status, code) => {
    const res = await json(target, body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-errortype')).toBe(code);
    const payload = await res.json();
    expect(payload.__type).toBe(code);
    expect(typeof payload.message).toBe('string');
  });

  it('names the missing field', async () => {
    const res = await json(
      'AmazonEC2ContainerServiceV20141113.CreateService',
      '{}',
    );
    expect((await res.json()).message).toContain('serviceName');
  });

  it.each([
    ['Action=LaunchRockets&Version=2015-12-01', 'InvalidAction'],
    ['Action=CreateLoadBalancer&Version=2015-12-01', 'ValidationError'],
    ['Action=DescribeListeners&Version=2015-12-01', 'ValidationError'],
  ])('Query %s -> %s', async (body, code) => {
    const res = await query(body);
    expect(res.status).toBe(400);
    const xml = await res.text();
    expect(xml).toMatch(
      /^<ErrorResponse xmlns="http:\/\/elasticloadbalancing\.amazonaws\.com\/doc\/2015-12-01\/"><Error><Type>Sender<\/Type>/,
    );
    expect(xml).toContain(`<Code>${code}</Code>`);
    expect(xml).toMatch(/<RequestId>[-0-9a-f]+<\/RequestId><\/ErrorResponse>$/);
  });

  it('answers a bare request with an AWS error, not HTML', async () => {
    const res = await fetch(sb.url, { method: 'POST', body: 'hello' });
    expect(res.status).toBe(400);
    expect((await res.json()).__type).toBe('UnknownOperationException');
  });
});

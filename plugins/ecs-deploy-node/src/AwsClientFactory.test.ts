import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { ConfigReader } from '@backstage/config';
import { AwsClientFactory } from './AwsClientFactory';
import { toBackstageError } from './toBackstageError';

describe('AwsClientFactory', () => {
  let server: Server;
  let url: string;
  const seen: { target?: string; auth?: string }[] = [];

  beforeAll(async () => {
    // A minimal JSON 1.1 endpoint that denies everything, to observe what the
    // clients send and how a denial surfaces.
    server = createServer((req, res) => {
      seen.push({
        target: req.headers['x-amz-target'] as string,
        auth: req.headers.authorization as string,
      });
      req.resume();
      req.on('end', () => {
        res.writeHead(400, {
          'content-type': 'application/x-amz-json-1.1',
          // An hour ahead: the factory's clock must follow the server's.
          date: new Date(Date.now() + 3_600_000).toUTCString(),
        });
        res.end(
          JSON.stringify({
            __type: 'AccessDeniedException',
            message: 'not authorized',
          }),
        );
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  const factory = () =>
    AwsClientFactory.fromConfig(
      new ConfigReader({
        aws: {
          accounts: [
            {
              accountId: '111111111111',
              accessKeyId: '111111111111',
              secretAccessKey: 'secret',
            },
          ],
        },
        ecsDeploy: {
          aws: { endpoint: url, defaultRegion: 'eu-west-1', maxAttempts: 1 },
        },
      }),
    );

  it('points clients at the endpoint with per-account credentials and names the IAM action of a failure', async () => {
    const clients = await factory().forResource({ accountId: '111111111111' });
    expect(clients.region).toBe('eu-west-1');
    const error = await clients.ecs
      .send(new DescribeServicesCommand({ services: ['s'], cluster: 'c' }))
      .catch(e => e);
    expect(seen.at(-1)?.target).toBe(
      'AmazonEC2ContainerServiceV20141113.DescribeServices',
    );
    expect(seen.at(-1)?.auth).toContain('111111111111/');
    const mapped = toBackstageError(error);
    expect(mapped.name).toBe('NotAllowedError');
    expect(mapped.message).toContain('ecs:DescribeServices');
  });

  it("keeps AWS's clock from the responses' Date header", async () => {
    const f = factory();
    const clients = await f.forResource({ accountId: '111111111111' });
    await clients.ecs
      .send(new DescribeServicesCommand({ services: ['s'], cluster: 'c' }))
      .catch(() => undefined);
    const ahead = f.clock.now().getTime() - Date.now();
    expect(ahead).toBeGreaterThan(3_500_000);
    expect(ahead).toBeLessThan(3_700_000);
  });

  it('caches clients per account and region', async () => {
    const f = factory();
    const a = await f.forResource({ accountId: '111111111111' });
    const b = await f.forResource({
      accountId: '111111111111',
      region: 'eu-west-1',
    });
    const c = await f.forResource({
      accountId: '111111111111',
      region: 'us-east-1',
    });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import { EnvironmentsResponse } from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { component, sandboxConfig } from '../../__testUtils__/sandboxFleet';
import { ecsDeployPlugin } from '../../plugin';

/*
 * The demo's EXTERNAL service, as the portal's catalog annotates it (the
 * awslabs tags annotation): what a newcomer tries first must work there.
 */

const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const NAME = 'notifications-service';

jest.setTimeout(60_000);

describe('a release of the demo fleet notifications-service', () => {
  let sb: RunningSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const url = (path: string) =>
    `/api/ecs-deploy/entities/component/default/${NAME}${path}`;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'demo', speed: 60 });
    const config = sandboxConfig(sb);
    backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            aws: {
              accounts: ACCOUNTS.map(accountId => ({
                accountId,
                accessKeyId: accountId,
                secretAccessKey: 'sandbox',
              })),
            },
            ecsDeploy: {
              ...config.ecsDeploy,
              discovery: {
                locations: ACCOUNTS.map(accountId => ({ accountId })),
              },
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            component(NAME, {
              'aws.amazon.com/amazon-ecs-service-tags': `backstage.io/entity=component:default/${NAME}`,
            }),
          ],
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await sb?.close();
  });

  it('offers starting one in prod from staging, and starts it', async () => {
    const overview = await request(backend.server).get(url('/environments'));
    const envs = (overview.body as EnvironmentsResponse).environments;
    expect(envs.map(e => e.name)).toEqual(['staging', 'prod']);
    const offer = envs[1].offers.find(o => o.action === 'start-release');
    expect(offer).toEqual({
      action: 'start-release',
      request: { from: 'staging' },
    });
    // The first environment has none before it to release from.
    expect(
      envs[0].offers.find(o => o.action === 'start-release')?.unavailableReason,
    ).toMatch(/^No environment comes before this one/);

    const start = await request(backend.server)
      .post(url('/actions/start-release'))
      .set('Idempotency-Key', 'demo-release-1')
      .send({ environment: 'prod', ...offer!.request });
    expect(start.body).toMatchObject({ message: expect.any(String) });
    expect(start.status).toBe(200);
    const traffic = await request(backend.server)
      .get(url('/traffic'))
      .query({ environment: 'prod' });
    expect(traffic.body.environments[0].shift).toMatchObject({
      deploymentId: start.body.ledgerEntry.deploymentId,
      phase: 'WAITING',
      shiftedPercent: 0,
    });
  });
});

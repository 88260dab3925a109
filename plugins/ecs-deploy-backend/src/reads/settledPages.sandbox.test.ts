import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEMO_REGION,
  RunningSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  ecsServiceArn,
  pipelineArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { ecsDeployPlugin } from '../plugin';

jest.setTimeout(120_000);

const ACCOUNT = '333333333333';
const NAME = 'svc-0001';

/* The backend's clock moves with the test (Date.now, replaced before it starts). */
let offset = 0;
const realNow = Date.now;

/*
 * A service with a hundred deployments: the metrics card reads past the
 * newest page. At rest, every page of its deployments is kept under the
 * service state's version, not only the newest (see settledBesideService).
 */
describe("a service's deployment pages at rest", () => {
  let sb: RunningSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
    sb = await startSandbox({
      seed: 'fleet',
      speed: 0,
      seedOptions: { services: 1, deploymentsPerService: 100 },
    });
    backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({
          data: {
            aws: {
              accounts: [
                {
                  accountId: ACCOUNT,
                  accessKeyId: ACCOUNT,
                  secretAccessKey: 'sandbox',
                },
              ],
            },
            ecsDeploy: {
              aws: {
                endpoint: sb.url,
                defaultRegion: DEMO_REGION,
                maxAttempts: 1,
              },
              watch: { enabled: false },
              warmOnStart: false,
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: NAME,
                namespace: 'default',
                annotations: {
                  'ecs-deploy.io/service-arn.prod': ecsServiceArn({
                    accountId: ACCOUNT,
                    region: DEMO_REGION,
                    cluster: 'storefront-prod',
                    serviceName: NAME,
                  }),
                  'ecs-deploy.io/pipeline-arn.prod': pipelineArn({
                    accountId: ACCOUNT,
                    region: DEMO_REGION,
                    name: `${NAME}-prod`,
                  }),
                },
              },
              spec: {
                type: 'service',
                owner: 'team-x',
                lifecycle: 'production',
              },
            },
          ],
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sb?.close();
    jest.restoreAllMocks();
  });

  const listed = async (path: string) => {
    sb.callLog.reset();
    const res = await request(backend.server).get(
      `/api/ecs-deploy/entities/component/default/${NAME}${path}`,
    );
    expect(res.status).toBe(200);
    return sb.callLog.count('codedeploy:ListDeployments');
  };

  it('reads none of them again past the idle lifetime while the service is the same', async () => {
    const metrics = '/metrics?window=30&environment=prod';
    expect(await listed('/environments')).toBe(1);
    // The card reads the page after the newest.
    expect(await listed(metrics)).toBe(1);
    offset += 70_000;
    expect(await listed('/environments')).toBe(0);
    expect(await listed(metrics)).toBe(0);
  });
});

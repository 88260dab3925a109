import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import request from 'supertest';
import { movedClock } from '../__testUtils__/movedClock';
import { fleetConfig, fleetEntity } from '../__testUtils__/seededFleet';
import { ecsDeployPlugin } from '../plugin';

jest.setTimeout(120_000);

const NAME = 'svc-0001';

const { install: moveBackendClock, passes } = movedClock();

/*
 * A service with a hundred deployments: the metrics card reads past the
 * newest page. At rest, every page of its deployments is kept under the
 * service state's version, not only the newest (see settledBesideService).
 */
describe("a service's deployment pages at rest", () => {
  let sb: RunningSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    moveBackendClock();
    sb = await startSandbox({
      seed: 'fleet',
      speed: 0,
      seedOptions: { services: 1, deploymentsPerService: 100 },
    });
    backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({
          data: fleetConfig(sb, { warmOnStart: false }),
        }),
        catalogServiceMock.factory({ entities: [fleetEntity(NAME)] }),
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
    passes(70_000);
    expect(await listed('/environments')).toBe(0);
    expect(await listed(metrics)).toBe(0);
  });
});

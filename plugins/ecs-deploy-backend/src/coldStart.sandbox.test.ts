import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import request from 'supertest';
import { fleetConfig, fleetEntity } from './__testUtils__/seededFleet';
import { sharedStores } from './__testUtils__/sharedStores';
import { ecsDeployPlugin } from './plugin';

/*
 * A backend that has just started: concurrent first views of one entity
 * cost what one view costs (every load is shared), and with the warm-up at
 * start the first view in an account waits for no scan of its CodeDeploy
 * applications. Over HTTP, with the real SDK clients, against the
 * sandbox's benchmark fleet (CODE_DEPLOY services whose deployment group
 * is not annotated, so it is looked up in the account's index).
 */

const SERVICES = 30;
const SCAN_OPERATIONS = [
  'codedeploy:ListApplications',
  'codedeploy:ListDeploymentGroups',
  'codedeploy:BatchGetDeploymentGroups',
];

jest.setTimeout(120_000);

const name = (i: number) => `svc-${String(i).padStart(4, '0')}`;

const stores = sharedStores();

describe('a backend that has just started', () => {
  let sb: RunningSandbox;
  const backends: Array<Awaited<ReturnType<typeof startTestBackend>>> = [];
  /** The AWS calls of one first view, for the crowds to match. */
  let one: Record<string, number>;

  beforeAll(async () => {
    sb = await startSandbox({
      seed: 'fleet',
      speed: 0,
      seedOptions: { services: SERVICES, deploymentsPerService: 5 },
    });
  });

  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
    await sb?.close();
  });

  async function startBackend(
    warmOnStart: boolean,
    rootConfig: Record<string, unknown> = {},
    warmEntitiesOnStart = 0,
  ) {
    const backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...rootConfig,
            ...fleetConfig(sb, { warmOnStart, warmEntitiesOnStart }),
          },
        }),
        catalogServiceMock.factory({
          entities: Array.from({ length: SERVICES }, (_, i) =>
            fleetEntity(name(i + 1)),
          ),
        }),
      ],
    });
    backends.push(backend);
    return backend;
  }

  const overview = (
    backend: Awaited<ReturnType<typeof startTestBackend>>,
    serviceName: string,
  ) =>
    request(backend.server).get(
      `/api/ecs-deploy/entities/component/default/${serviceName}/environments`,
    );

  /**
   * Every AWS call the backend made for what it was asked, counted once it
   * makes no more: the account scan goes on after the first view answers.
   */
  async function settledCounts(): Promise<Record<string, number>> {
    let last = -1;
    while (sb.callLog.total() !== last) {
      last = sb.callLog.total();
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    return sb.callLog.counts();
  }

  it('answers 50 concurrent first views of one entity with the AWS calls of one', async () => {
    const single = await startBackend(false);
    sb.callLog.reset();
    expect((await overview(single, name(7))).status).toBe(200);
    one = await settledCounts();
    // The first view in the account looks its group up in a scan.
    expect(one['codedeploy:ListApplications']).toBe(1);

    const crowded = await startBackend(false);
    sb.callLog.reset();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => overview(crowded, name(7))),
    );
    expect(answers.map(a => a.status)).toEqual(answers.map(() => 200));
    expect(await settledCounts()).toEqual(one);
    // They all saw the same overview.
    expect(new Set(answers.map(a => JSON.stringify(a.body))).size).toBe(1);
  });

  stores.describeIfAvailable('sharing a Redis cache', () => {
    it('answers 50 concurrent first views with the AWS calls of one too', async () => {
      const { knex, cache } = await stores.init();
      await knex.destroy();
      const crowded = await startBackend(false, { backend: { cache } });
      sb.callLog.reset();
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => overview(crowded, name(7))),
      );
      expect(answers.map(a => a.status)).toEqual(answers.map(() => 200));
      expect(await settledCounts()).toEqual(one);
    });
  });

  it('reads the account-level indexes at start, so that no first view scans an account', async () => {
    sb.callLog.reset();
    const backend = await startBackend(true);
    // Done before the backend reported it had started.
    expect(sb.callLog.count('codedeploy:ListApplications')).toBe(1);
    expect(sb.callLog.count('codedeploy:ListDeploymentGroups')).toBe(SERVICES);
    sb.callLog.reset();
    const answers = await Promise.all(
      [name(1), name(SERVICES)].map(n => overview(backend, n)),
    );
    expect(answers.map(a => a.status)).toEqual([200, 200]);
    const counts = await settledCounts();
    for (const operation of SCAN_OPERATIONS) {
      expect(counts[operation]).toBeUndefined();
    }
    // The scan read each group's settings too: no view asks for them again.
    expect(counts['codedeploy:GetDeploymentGroup']).toBeUndefined();
    expect(counts['ecs:DescribeServices']).toBe(2);
  });

  it('reads the tabs of the first entities at start, so that their first loads call no AWS', async () => {
    sb.callLog.reset();
    const backend = await startBackend(true, {}, 3);
    // Done before the backend reported it had started.
    expect(sb.callLog.count('ecs:DescribeServices')).toBe(3);
    sb.callLog.reset();
    const tab = (serviceName: string) =>
      Promise.all(
        [
          '/environments',
          '/tasks',
          '/history?limit=50',
          '/traffic',
          '/metrics?window=30&environment=prod',
        ].map(path =>
          request(backend.server).get(
            `/api/ecs-deploy/entities/component/default/${serviceName}${path}`,
          ),
        ),
      );
    const warmed = await tab(name(2));
    expect(warmed.map(a => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await settledCounts()).toEqual({});
    // Past the limit, an entity's first load reads AWS as before.
    const cold = await tab(name(SERVICES));
    expect(cold.map(a => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await settledCounts())['ecs:DescribeServices']).toBeGreaterThan(0);
  });
});

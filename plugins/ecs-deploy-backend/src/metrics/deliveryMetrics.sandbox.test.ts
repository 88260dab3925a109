import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import {
  DeliveryMetricsResponse,
  DeploymentSummary,
  HistoryResponse,
  OwnerDeliveryMetricsResponse,
  computeDeliveryMetrics,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { fleetConfig, fleetEntity } from '../__testUtils__/seededFleet';
import { ecsDeployPlugin } from '../plugin';

/*
 * The acceptance of the server-side metrics: for a 10,000-deployment
 * service, one request, and the numbers today's browser computation gave
 * when the window fits in the 1,000 entries it read (and more than 1,000
 * counted when the window holds more). Over HTTP, with the real SDK clients,
 * against the sandbox's benchmark fleet.
 */

const BIG = 'big-history';
const SMALL = 'svc-0001';
const DAY = 24 * 60 * 60 * 1000;

// Seeding 10,800 deployments and reading them all once: allow slow runs.
jest.setTimeout(300_000);

const entities: Entity[] = [
  fleetEntity(BIG, 'team-x'),
  fleetEntity(SMALL, 'team-x'),
  // The caller may not read it: left out as if it did not exist.
  fleetEntity('denied', 'team-x'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'docs-site', namespace: 'default' },
    spec: { type: 'website', owner: 'team-x', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-x' }],
  },
];

describe('delivery metrics over a 10,000-deployment history', () => {
  let sb: RunningSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    sb = await startSandbox({
      seed: 'fleet',
      speed: 0,
      seedOptions: {
        services: 1,
        deploymentsPerService: 800,
        bigEntity: { name: BIG, deployments: 10_000 },
        days: 120,
      },
    });
    backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({
          // The first metrics read is what is measured: not at start.
          data: fleetConfig(sb, { warmEntitiesOnStart: 0 }),
        }),
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result:
                'resourceRef' in r &&
                r.resourceRef === 'component:default/denied'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        }).factory,
      ],
    });
  }, 300_000);

  afterAll(async () => {
    await backend?.stop();
    await sb?.close();
  });

  const entityPath = (name: string) =>
    `/api/ecs-deploy/entities/component/default/${name}`;

  async function historyPage(name: string, cursor?: string) {
    const res = await request(backend.server).get(
      `${entityPath(name)}/history?environment=prod&limit=100${
        cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      }`,
    );
    expect(res.status).toBe(200);
    return res.body as HistoryResponse;
  }

  /** What the card read before: pages of 100 back to the window, ten at most. */
  async function browserHistory(name: string, windowDays: number) {
    const windowStart = Date.now() - windowDays * DAY;
    const items: DeploymentSummary[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await historyPage(name, cursor);
      items.push(...result.items);
      cursor = result.nextCursor;
      const oldest = result.items[result.items.length - 1]?.startedAt;
      if (!cursor || (oldest && Date.parse(oldest) < windowStart)) break;
    }
    return { items, complete: !cursor };
  }

  async function metrics(name: string, windowDays: number) {
    const res = await request(backend.server).get(
      `${entityPath(name)}/metrics?window=${windowDays}&environment=prod`,
    );
    expect(res.status).toBe(200);
    return res.body as DeliveryMetricsResponse;
  }

  const sameNumbers = (
    body: DeliveryMetricsResponse,
    items: DeploymentSummary[],
  ) =>
    expect(body.metrics).toEqual(
      computeDeliveryMetrics(items, {
        now: Date.parse(body.asOf),
        windowDays: body.windowDays,
        environment: 'prod',
      }),
    );

  it('gives the numbers of the browser computation for a history of fewer than 1,000 entries', async () => {
    const browser = await browserHistory(SMALL, 120);
    expect(browser.complete).toBe(true);
    expect(browser.items.length).toBeGreaterThan(800);
    expect(browser.items.length).toBeLessThanOrEqual(1000);
    for (const windowDays of [7, 30, 90]) {
      const body = await metrics(SMALL, windowDays);
      expect(body.metrics.frequency.value).toBeGreaterThan(0);
      sameNumbers(body, browser.items);
    }
  });

  it('answers a 10,000-deployment service in one request, with the numbers of the first 1,000 entries when the window fits in them', async () => {
    sb.callLog.reset();
    const body = await metrics(BIG, 7);
    // The whole history, read in this one request.
    expect(
      sb.callLog.count('codepipeline:ListPipelineExecutions'),
    ).toBeGreaterThanOrEqual(100);
    const browser = await browserHistory(BIG, 7);
    expect(browser.items.length).toBeLessThanOrEqual(1000);
    expect(body.metrics.frequency.value).toBeGreaterThan(100);
    sameNumbers(body, browser.items);

    // Every window comes from the same facts: no further history read.
    sb.callLog.reset();
    const quarter = await metrics(BIG, 90);
    expect(sb.callLog.total()).toBeLessThan(20);
    // Not capped at the 1,000 entries the browser read.
    expect(quarter.metrics.frequency.value).toBeGreaterThan(5000);
  });

  it('counts every deployment of the window, as the whole history walked page by page does', async () => {
    const body = await metrics(BIG, 90);
    const items: DeploymentSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await historyPage(BIG, cursor);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(items.length).toBeGreaterThan(10_000);
    sameNumbers(body, items);
  });

  it('adds up the entities of an owner that the caller may read', async () => {
    // A year: the whole fleet history, far from the window's moving edge,
    // so requests a moment apart count the same deployments.
    const [big, small] = await Promise.all([
      metrics(BIG, 365),
      metrics(SMALL, 365),
    ]);
    const res = await request(backend.server).get(
      '/api/ecs-deploy/metrics?owner=group:default/team-x&window=365&environment=prod',
    );
    expect(res.status).toBe(200);
    const team = res.body as OwnerDeliveryMetricsResponse;
    expect(team).toMatchObject({
      owner: 'group:default/team-x',
      windowDays: 365,
      environment: 'prod',
      limit: 20,
      truncated: false,
      // neither the entity the caller may not read nor the one without
      // ECS Deploy annotations is among them
      entities: [
        { entityRef: 'component:default/big-history' },
        { entityRef: 'component:default/svc-0001' },
      ],
    });
    const count = (m: DeliveryMetricsResponse) => m.metrics.frequency.value!;
    expect(team.metrics.frequency.value).toBe(count(big) + count(small));
    const failures = (m: { metrics: DeliveryMetricsResponse['metrics'] }) =>
      m.metrics.changeFailureRate.value! * m.metrics.frequency.value!;
    expect(failures(team)).toBeCloseTo(failures(big) + failures(small), 6);
  });
});

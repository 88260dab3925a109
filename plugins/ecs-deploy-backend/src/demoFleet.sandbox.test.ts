import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import {
  DeploymentDetail,
  EnvironmentsResponse,
  HistoryResponse,
  RunningTasksResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { ecsDeployPlugin } from './plugin';
import { component, sandboxConfig } from './__testUtils__/sandboxFleet';

/*
 * The demo fleet as the portal shows it: the sandbox's `demo` seed and
 * entities annotated the three ways the demo catalog uses (per-environment
 * annotations, the awslabs annotations, tag discovery).
 */

const ACCOUNTS: Record<string, string> = {
  dev: '111111111111',
  staging: '222222222222',
  prod: '333333333333',
};

function annotated(name: string, envs: string[], pipelines = true) {
  return component(name, {
    'ecs-deploy.io/environments': envs.join(','),
    ...Object.fromEntries(
      envs.flatMap(env => [
        [
          `ecs-deploy.io/service-arn.${env}`,
          `arn:aws:ecs:eu-west-1:${ACCOUNTS[env]}:service/storefront-${env}/${name}`,
        ],
        ...(pipelines
          ? [
              [
                `ecs-deploy.io/pipeline-arn.${env}`,
                `arn:aws:codepipeline:eu-west-1:${ACCOUNTS[env]}:${name}-${env}`,
              ],
            ]
          : []),
      ]),
    ),
  });
}

const ALL = ['dev', 'staging', 'prod'];
const entities = [
  annotated('payments-api', ALL),
  annotated('checkout-web', ALL),
  annotated('inventory-api', ALL),
  annotated('search-api', ALL),
  annotated('notifications-service', ['staging', 'prod'], false),
  component('orders-worker', {
    'aws.amazon.com/amazon-ecs-service-arn':
      'arn:aws:ecs:eu-west-1:333333333333:service/storefront-prod/orders-worker',
    'aws.amazon.com/aws-codepipeline-arn':
      'arn:aws:codepipeline:eu-west-1:333333333333:orders-worker-prod',
  }),
  component('ledger-api', {
    'ecs-deploy.io/discovery': 'tags',
    'ecs-deploy.io/environments': 'dev,staging,prod',
  }),
];

// Over HTTP against a sandbox on a shared CI machine: allow slow runs.
jest.setTimeout(60_000);

describe('the demo fleet', () => {
  let sb: RunningSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'demo' });
    const config = sandboxConfig(sb);
    backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            aws: {
              accounts: Object.values(ACCOUNTS).map(accountId => ({
                accountId,
                accessKeyId: accountId,
                secretAccessKey: 'sandbox',
              })),
            },
            ecsDeploy: {
              ...config.ecsDeploy,
              discovery: {
                locations: Object.values(ACCOUNTS).map(accountId => ({
                  accountId,
                })),
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await sb?.close();
  });

  const get = (name: string, path: string) =>
    request(backend.server).get(
      `/api/ecs-deploy/entities/component/default/${name}${path}`,
    );

  it.each(entities.map(e => e.metadata.name))(
    'reads environments, history and traffic of %s',
    async name => {
      const environments = await get(name, '/environments');
      expect(environments.status).toBe(200);
      const envs = (environments.body as EnvironmentsResponse).environments;
      expect(envs.length).toBeGreaterThan(0);
      for (const env of envs) {
        expect(env.service.status).toBe('ACTIVE');
        expect(env.taskDefinition?.revision).toBeGreaterThan(0);
      }

      const history = await get(name, '/history?limit=20');
      expect(history.status).toBe(200);
      expect((history.body as HistoryResponse).items.length).toBeGreaterThan(0);

      const traffic = await get(name, '/traffic');
      expect(traffic.status).toBe(200);
      expect((traffic.body as TrafficResponse).environments).toHaveLength(
        envs.length,
      );

      // What runs: the demo's task definitions are health-checked.
      const tasks = await get(name, '/tasks');
      expect(tasks.status).toBe(200);
      const running = (tasks.body as RunningTasksResponse).environments;
      expect(running.map(e => e.environment)).toEqual(envs.map(e => e.name));
      for (const env of running) {
        expect(env.error).toBeUndefined();
        expect(env.tasks.length).toBeGreaterThan(0);
        const healths = env.tasks
          .filter(t => t.lastStatus === 'RUNNING')
          .map(t => t.healthStatus);
        expect(healths.length).toBeGreaterThan(0);
        expect(new Set(healths)).toEqual(new Set(['HEALTHY']));
      }
    },
  );

  it('shows the running image with its digest from ECR', async () => {
    const res = await get('payments-api', '/environments');
    expect(res.status).toBe(200);
    for (const env of (res.body as EnvironmentsResponse).environments) {
      expect(env.images[0]).toMatchObject({
        repository: 'payments-api',
        digest: expect.stringMatching(/^sha256:/),
      });
    }
  });

  it('shows a pipeline execution with its stages and the deployment it started', async () => {
    const history = await get(
      'checkout-web',
      '/history?environment=staging&limit=40',
    );
    const execution = (history.body as HistoryResponse).items.find(
      i => i.kind === 'pipeline' && i.links.deploymentIds?.length,
    );
    expect(execution).toBeDefined();
    const res = await get(
      'checkout-web',
      `/deployments/${execution!.id}?environment=staging`,
    );
    expect(res.status).toBe(200);
    const detail = res.body as DeploymentDetail;
    expect(detail.pipeline?.stages.length).toBeGreaterThan(1);
    const deployActions = detail
      .pipeline!.stages.flatMap(s => s.actions)
      .filter(a => a.deploymentId);
    expect(deployActions.map(a => a.deploymentId)).toEqual(
      execution!.links.deploymentIds,
    );
    // the release row carries them inside
    expect(execution!.deployments?.map(d => d.id)).toEqual(
      execution!.links.deploymentIds,
    );
  });

  it('shows what waits for a person: a ready wait and a manual approval', async () => {
    const payments = await get('payments-api', '/environments');
    const prod = (payments.body as EnvironmentsResponse).environments.find(
      e => e.name === 'prod',
    )!;
    expect(prod).toMatchObject({
      waitingForAction: true,
      lastDeployment: { kind: 'codedeploy', status: 'WAITING' },
    });
    const traffic = await get('payments-api', '/traffic?environment=prod');
    const [env] = (traffic.body as TrafficResponse).environments;
    expect(env.shift).toMatchObject({ phase: 'WAITING', shiftedPercent: 0 });
    expect(env.taskSets.map(t => [t.label, t.trafficWeight])).toEqual(
      expect.arrayContaining([
        ['BLUE', 100],
        ['GREEN', 0],
      ]),
    );

    const checkout = await get('checkout-web', '/history?environment=prod');
    expect(
      (checkout.body as HistoryResponse).items.some(
        i => i.kind === 'pipeline' && i.status === 'WAITING',
      ),
    ).toBe(true);
  });

  it('labels an idle blue/green service: blue live, green standing by', async () => {
    const res = await get('payments-api', '/traffic?environment=dev');
    const [env] = (res.body as TrafficResponse).environments;
    expect(env.shift).toBeUndefined();
    const production = env.listeners.find(l => l.role === 'production')!;
    expect(
      production.targetGroups.map(t => [t.label, t.percent]).sort(),
    ).toEqual([
      ['BLUE', 100],
      ['GREEN', 0],
    ]);
    expect(env.taskSets).toEqual([
      expect.objectContaining({ label: 'PRIMARY', trafficWeight: 100 }),
    ]);
  });

  it('finds ledger-api in three accounts through its tags', async () => {
    const res = await get('ledger-api', '/environments');
    expect(res.status).toBe(200);
    const envs = (res.body as EnvironmentsResponse).environments;
    expect(envs.map(e => [e.name, e.accountId])).toEqual([
      ['dev', '111111111111'],
      ['staging', '222222222222'],
      ['prod', '333333333333'],
    ]);
  });

  it.each(['payments-api', 'search-api', 'inventory-api'])(
    'merges the history of %s newest first across pages',
    async name => {
      const starts: number[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 4; i++) {
        const res = await get(
          name,
          `/history?limit=30${
            cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          }`,
        );
        expect(res.status).toBe(200);
        const body = res.body as HistoryResponse;
        starts.push(...body.items.map(item => Date.parse(item.startedAt!)));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      expect(starts.length).toBeGreaterThan(30);
      expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    },
  );

  it('shows failures and rollbacks in the seeded history of payments-api', async () => {
    const res = await get(
      'payments-api',
      '/history?limit=50&status=FAILED,ROLLED_BACK,STOPPED',
    );
    expect(res.status).toBe(200);
    expect((res.body as HistoryResponse).items.length).toBeGreaterThan(0);
  });

  it('shows a pipeline execution and the deployment it started as one release', async () => {
    const res = await get('payments-api', '/history?environment=dev&limit=40');
    expect(res.status).toBe(200);
    const items = (res.body as HistoryResponse).items;
    const release = items.find(
      i => i.kind === 'pipeline' && i.deployments?.length,
    );
    expect(release).toBeDefined();
    const [deployment] = release!.deployments!;
    expect(deployment).toMatchObject({
      kind: 'codedeploy',
      links: { pipelineExecutionId: release!.id },
      trigger: { kind: 'pipeline', actor: release!.pipelineName },
      taskDefinitionTo: { family: 'payments-api' },
    });
    expect(release!.links.deploymentIds).toEqual([deployment.id]);
    // not a row of its own
    expect(items.map(i => i.id)).not.toContain(deployment.id);
    // the rows that are deployments: no pipeline started them
    for (const item of items.filter(i => i.kind !== 'pipeline')) {
      expect(item.links.pipelineExecutionId).toBeUndefined();
      expect(item.trigger.kind).not.toBe('pipeline');
    }
  });

  /** Every row of an entity's history, page by page. */
  async function allPages(name: string, limit: number) {
    const pages: HistoryResponse['items'][] = [];
    let cursor: string | undefined;
    do {
      const res = await get(
        name,
        `/history?limit=${limit}${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      );
      expect(res.status).toBe(200);
      const body = res.body as HistoryResponse;
      pages.push(body.items);
      cursor = body.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  }

  it('pages payments-api by release: no page repeats or splits one', async () => {
    const pages = await allPages('payments-api', 25);
    expect(pages.length).toBeGreaterThan(2);
    const rows = pages.flat();
    const rowIds = rows.map(r => r.id);
    const insideIds = rows.flatMap(r => (r.deployments ?? []).map(d => d.id));
    // each entry once: as a row, or inside its release, never both
    expect(new Set(rowIds).size).toBe(rowIds.length);
    expect(new Set(insideIds).size).toBe(insideIds.length);
    expect(insideIds.filter(id => rowIds.includes(id))).toEqual([]);
    // most of payments-api's deployments came from its pipelines
    expect(insideIds.length).toBeGreaterThan(rows.length / 2);
    const releases = rows.filter(r => r.kind === 'pipeline');
    expect(releases.map(r => r.deployments?.map(d => d.id) ?? [])).toEqual(
      releases.map(r => r.links.deploymentIds ?? []),
    );
    expect(
      rows.filter(r => r.kind !== 'pipeline' && r.links.pipelineExecutionId),
    ).toEqual([]);
    // the same releases, whole, whatever the page size
    const onePage = (await allPages('payments-api', 100)).flat();
    expect(onePage.map(r => r.id)).toEqual(rowIds);
    expect(onePage.map(r => (r.deployments ?? []).map(d => d.id))).toEqual(
      rows.map(r => (r.deployments ?? []).map(d => d.id)),
    );
  });
});

import { TestDatabases } from '@backstage/backend-test-utils';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import { Knex } from 'knex';
import request from 'supertest';
import {
  component,
  createCluster,
  createCodeDeployService,
  serviceArn,
} from '../__testUtils__/sandboxFleet';
import { movedClock } from '../__testUtils__/movedClock';
import {
  ActionClients,
  actionClients,
  createApprovalPipeline,
  createRepository,
  createWaitingCodeDeployService,
  pipelineArn,
} from '../actions/__testUtils__/actionFleet';
import {
  api,
  startActionBackend,
} from '../actions/__testUtils__/actionBackend';

jest.setTimeout(60_000);

const SECOND = 1_000;
const CLUSTER = 'paced-prod';
const NAME = 'paced-api';
const PIPELINED = 'paced-web';
/** Shifts traffic in prod while its staging pipeline stays at rest. */
const MIXED = 'paced-mixed';
const ROUND = 'ecs-deploy-deployment-watcher';
const SCAN = 'ecs-deploy-deployment-scan';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

/* The sandbox's own clock is stopped and moved with advanceSandbox. */
const { install: moveBackendClock, passes } = movedClock();

describe('reads paced by state: at rest read rarely, moving often', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let service: Awaited<ReturnType<typeof createWaitingCodeDeployService>>;
  let mixed: Awaited<ReturnType<typeof createCodeDeployService>>;
  let started: Awaited<ReturnType<typeof startActionBackend>>;
  let knex: Knex;

  beforeAll(async () => {
    moveBackendClock();
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    knex = await databases.init('SQLITE_3');
    await createCluster(clients, CLUSTER);
    await createRepository(clients, PIPELINED, { tagged: true });
    await createApprovalPipeline(
      clients,
      `${PIPELINED}-prod`,
      PIPELINED,
      'prod',
      {
        owner: PIPELINED,
      },
    );
    service = await createWaitingCodeDeployService(sb, clients, NAME, CLUSTER, {
      tagged: true,
    });
    mixed = await createCodeDeployService(sb, clients, MIXED, CLUSTER);
    await createRepository(clients, MIXED, { tagged: true });
    await createApprovalPipeline(
      clients,
      `${MIXED}-staging`,
      MIXED,
      'staging',
      { owner: MIXED },
    );
    started = await startActionBackend(
      sb,
      [
        component(NAME, {
          'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, NAME),
        }),
        component(PIPELINED, {
          'ecs-deploy.io/pipeline-arn.prod': pipelineArn(`${PIPELINED}-prod`),
        }),
        component(MIXED, {
          'ecs-deploy.io/pipeline-arn.staging': pipelineArn(`${MIXED}-staging`),
          'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, MIXED),
        }),
      ],
      // The default lifetimes (5 s moving, 15 s lists, 60 s at rest).
      { cached: true, knex },
    );
  });

  afterAll(async () => {
    await started?.backend.stop();
    clients?.destroy();
    await sb?.close();
    jest.restoreAllMocks();
  });

  const read = async (path: string, name = NAME) => {
    sb.callLog.reset();
    const res = await request(started.backend.server).get(api(name, path));
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 200,
    });
    return { body: res.body, calls: sb.callLog.total() };
  };

  it('reads an idle environment from AWS once per idle lifetime, not per list lifetime', async () => {
    expect((await read('/environments')).calls).toBeGreaterThan(0);
    await read('/history?limit=25');
    await read('/traffic');

    // Past the list lifetime (15 s), well within the idle one (60 s).
    passes(40 * SECOND);
    const overview = await read('/environments');
    expect(overview.body.environments[0].deploymentInProgress).toBe(false);
    expect(overview.calls).toBe(0);
    expect((await read('/history?limit=25')).calls).toBe(0);
    // The listener weights of a service at rest, too (past the active 5 s).
    expect((await read('/traffic')).calls).toBe(0);

    passes(30 * SECOND); // past the idle lifetime: read again
    expect((await read('/environments')).calls).toBeGreaterThan(0);
  });

  it('finds a deployment started outside the portal at the next scan, then reads it at the moving pace', async () => {
    const id = await service.deploy('bbbbbbb');
    advanceSandbox(sb, 10 * SECOND);
    // Still the state at rest the cache holds: the scan has not run yet.
    expect(
      (await read('/environments')).body.environments[0].deploymentInProgress,
    ).toBe(false);

    // A scan right behind a viewer's read (the first one after a restart)
    // leaves what was just read; it reads again what is older than that.
    await started.runTask(SCAN);
    const behind = await read('/environments');
    expect(behind.body.environments[0].deploymentInProgress).toBe(false);
    expect(behind.calls).toBe(0);
    passes(20 * SECOND);
    await started.runTask(SCAN);
    const seen = await read('/environments');
    expect(seen.calls).toBe(0); // the scan read it from AWS for everyone
    expect(seen.body.environments[0]).toMatchObject({
      deploymentInProgress: true,
      lastDeployment: { id: `codedeploy:${id}` },
    });

    // The scan's read told the database to watch it.
    for (
      let i = 0;
      i < 50 && !(await knex('ecs_deploy_watches').first());
      i++
    ) {
      await new Promise(r => setTimeout(r, 20));
    }

    // Moving: past the active lifetime, a viewer's read goes to AWS again,
    // or the watcher's look has read it for every viewer.
    passes(10 * SECOND);
    expect((await read('/environments')).calls).toBeGreaterThan(0);
    await started.runTask(ROUND);
    expect((await read('/environments')).calls).toBe(0);
  });

  it('shows what the portal started at once, though the environment was cached at rest', async () => {
    const before = await read('/environments', PIPELINED);
    expect(before.body.environments[0].deploymentInProgress).toBe(false);
    passes(40 * SECOND);
    expect((await read('/environments', PIPELINED)).calls).toBe(0);

    const start = await request(started.backend.server)
      .post(api(PIPELINED, '/actions/start-pipeline'))
      .set('Idempotency-Key', 'paced-start-1')
      .send({ environment: 'prod' });
    expect(start.status).toBe(200);
    const after = await read('/environments', PIPELINED);
    expect(after.body.environments[0].lastDeployment.id).toBe(
      start.body.ledgerEntry.deploymentId,
    );

    // The watcher looks on for the waiting pace (30 s) after an action,
    // moving or not: what the action started may show a moment later.
    const watched = () =>
      knex('ecs_deploy_watches').where({
        entity_ref: `component:default/${PIPELINED}`,
      });
    await started.runTask(ROUND);
    expect(await watched()).toHaveLength(1);
    passes(31 * SECOND);
    await started.runTask(ROUND);
    expect(await watched()).toHaveLength(0);
  });

  it('reads what moves at each look, and what is at rest beside it once per waiting pace', async () => {
    // Only this entity is watched: the calls counted are its looks'.
    await knex('ecs_deploy_watches').delete();
    await mixed.deploy('ccccccc');
    advanceSandbox(sb, 10 * SECOND);
    const seen = await read('/environments', MIXED);
    expect(
      seen.body.environments.find((e: any) => e.name === 'prod'),
    ).toMatchObject({ deploymentInProgress: true });
    const watchOf = () =>
      knex('ecs_deploy_watches')
        .where({ entity_ref: `component:default/${MIXED}` })
        .first();
    for (let i = 0; i < 50 && !(await watchOf()); i++) {
      await new Promise(r => setTimeout(r, 20));
    }

    /** One round of the watcher, once the moving pace (2 s) made the entity due; its calls. */
    const look = async (after: number) => {
      passes(after);
      sb.callLog.reset();
      await started.runTask(ROUND);
      return {
        deploy: sb.callLog.count('codedeploy:*'),
        described: sb.callLog.count('codedeploy:BatchGetDeployments'),
        pipeline: sb.callLog.count('codepipeline:*'),
      };
    };
    const first = await look(3 * SECOND);
    expect(first.deploy).toBeGreaterThan(0);
    // The staging pipeline at rest is read whole at the first look ...
    expect(first.pipeline).toBeGreaterThan(0);
    // ... not at the next ones, while prod's deployment is read each time.
    for (let i = 0; i < 3; i++) {
      // The deployment under way is described once a look, though the
      // overview and the traffic both read it.
      expect(await look(3 * SECOND)).toMatchObject({
        described: 1,
        pipeline: 0,
      });
    }
    expect((await look(3 * SECOND)).deploy).toBeGreaterThan(0);
    // A waiting pace (30 s) after the first look, all of it again: a
    // deployment may have started in staging outside the portal.
    expect((await look(20 * SECOND)).pipeline).toBeGreaterThan(0);
  });
});

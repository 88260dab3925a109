import { TestDatabases } from '@backstage/backend-test-utils';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
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
} from '../actions/__testUtils__/actionFleet';
import {
  api,
  startActionBackend,
} from '../actions/__testUtils__/actionBackend';

jest.setTimeout(60_000);

const SECOND = 1_000;
const CLUSTER = 'stepped-prod';
const NAME = 'stepped-api';
const ROUND = 'ecs-deploy-deployment-watcher';
/** AWS seconds per backend second. */
const AWS_PACE = 15;
/** Backend milliseconds between the sandbox's ticks while time is moved. */
const TICK_MS = 5_000 / AWS_PACE;

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

/*
 * The backend's clock (Date.now, replaced before it starts) moves with the
 * test, and the sandbox's runs from it at 15 times its pace, as a compressed
 * sandbox clock runs. Both count the real milliseconds the test takes too, so
 * the pace the backend reads from AWS's answers is 15 however loaded the
 * machine is.
 */
const { install: moveBackendClock, passes } = movedClock();

describe('a canary or linear shift is looked at when its next step is due', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let started: Awaited<ReturnType<typeof startActionBackend>>;
  let knex: Knex;
  let service: Awaited<ReturnType<typeof createCodeDeployService>>;

  /** Moves both clocks in steps, so lifecycles see every moment. */
  const elapse = (ms: number) => {
    for (let left = ms; left > 0; left -= TICK_MS) {
      passes(Math.min(TICK_MS, left));
      sb.world.tick();
    }
  };
  const watch = () =>
    knex('ecs_deploy_watches')
      .where({ entity_ref: `component:default/${NAME}` })
      .first();
  const dueIn = async () =>
    new Date((await watch()).next_check_at).getTime() - Date.now();
  const round = async () => {
    sb.callLog.reset();
    await started.runTask(ROUND);
    return sb.callLog.total();
  };
  const traffic = async () => {
    const res = await request(started.backend.server).get(
      api(NAME, '/traffic?environment=prod'),
    );
    expect(res.status).toBe(200);
    return res.body.environments[0].shift;
  };

  beforeAll(async () => {
    moveBackendClock();
    sb = await startSandbox({ seed: 'none', speed: AWS_PACE });
    clients = actionClients(sb);
    knex = await databases.init('SQLITE_3');
    await createCluster(clients, CLUSTER);
    service = await createCodeDeployService(sb, clients, NAME, CLUSTER);
    started = await startActionBackend(
      sb,
      [
        component(NAME, {
          'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, NAME),
        }),
      ],
      { cached: true, knex },
    );
  });

  afterAll(async () => {
    await started?.backend.stop();
    clients?.destroy();
    await sb?.close();
    jest.restoreAllMocks();
  });

  it("waits for the canary's second step on AWS's clock, at AWS's pace", async () => {
    await service.deploy('bbbbbbb');
    const firstRead = Date.now();
    let shift = await traffic();
    for (let i = 0; i < 60 && shift?.phase !== 'SHIFTING'; i++) {
      elapse(SECOND / 2);
      // The overview a viewer reads tells the watcher to follow it.
      await request(started.backend.server).get(api(NAME, '/environments'));
      shift = await traffic();
    }
    expect(shift).toMatchObject({ phase: 'SHIFTING', shiftedPercent: 10 });
    for (let i = 0; i < 50 && !(await watch()); i++) {
      await new Promise(r => setTimeout(r, 20));
    }
    // Seconds of the backend's time since its first AWS answer tell AWS's pace.
    elapse(Math.max(0, firstRead + 10.5 * SECOND - Date.now()));
    expect(await round()).toBeGreaterThan(0);
    shift = await traffic();
    expect(shift).toMatchObject({ phase: 'SHIFTING', shiftedPercent: 10 });
    expect(shift.nextStepAt).toBeDefined();

    // The next look is when the step is due (plus a second), not at the
    // moving pace (2 s): the canary's 5 AWS minutes are 20 s here.
    const untilStep =
      (Date.parse(shift.nextStepAt) - sb.clock.nowMs()) / AWS_PACE;
    expect(untilStep).toBeGreaterThan(4 * SECOND);
    expect(Math.abs((await dueIn()) - (untilStep + SECOND))).toBeLessThan(
      0.5 * SECOND,
    );

    // The rounds before it read nothing.
    elapse(3 * SECOND);
    expect(await round()).toBe(0);

    // The look after it finds the step taken.
    elapse(untilStep - 3 * SECOND + 1.5 * SECOND);
    expect(await round()).toBeGreaterThan(0);
    expect((await traffic()).shiftedPercent).toBe(100);
  });
});

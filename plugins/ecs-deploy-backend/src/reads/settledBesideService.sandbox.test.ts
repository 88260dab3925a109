import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import request from 'supertest';
import {
  component,
  createCluster,
  createCodeDeployService,
  serviceArn,
} from '../__testUtils__/sandboxFleet';
import {
  ActionClients,
  actionClients,
} from '../actions/__testUtils__/actionFleet';
import { movedClock } from '../__testUtils__/movedClock';
import {
  api,
  startActionBackend,
} from '../actions/__testUtils__/actionBackend';

jest.setTimeout(60_000);

const SECOND = 1_000;
const CLUSTER = 'settled-prod';
const NAME = 'settled-api';

/* The sandbox's clock is stopped and moved with advanceSandbox. */
const { install: moveBackendClock, passes } = movedClock();

describe('what changes only with the service, at rest', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let service: Awaited<ReturnType<typeof createCodeDeployService>>;
  let started: Awaited<ReturnType<typeof startActionBackend>>;

  beforeAll(async () => {
    moveBackendClock();
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    await createCluster(clients, CLUSTER);
    service = await createCodeDeployService(sb, clients, NAME, CLUSTER);
    started = await startActionBackend(
      sb,
      [
        component(NAME, {
          'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, NAME),
        }),
      ],
      // The default lifetimes (60 s at rest, 5 min settled).
      { cached: true },
    );
  });

  afterAll(async () => {
    await started?.backend.stop();
    clients?.destroy();
    await sb?.close();
    jest.restoreAllMocks();
  });

  const read = async (path: string) => {
    sb.callLog.reset();
    const res = await request(started.backend.server).get(api(NAME, path));
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 200,
    });
    return { body: res.body, calls: sb.callLog.counts() };
  };

  it('reads the running tasks and the newest deployments again only once the service shows a change', async () => {
    const tasks = await read('/tasks');
    expect(tasks.body.environments[0].tasks.length).toBeGreaterThan(0);
    const before = await read('/history?limit=25');

    // Past the idle lifetime: the service is read again, and is the same.
    passes(70 * SECOND);
    const unchanged = await read('/tasks');
    expect(unchanged.calls['ecs:DescribeServices']).toBe(1);
    expect(unchanged.calls['ecs:ListTasks']).toBeUndefined();
    expect(unchanged.body.environments[0].tasks).toEqual(
      tasks.body.environments[0].tasks,
    );
    const page = await read('/history?limit=25');
    expect(page.calls['codedeploy:ListDeployments']).toBeUndefined();
    expect(page.body.items).toEqual(before.body.items);

    // A deployment started outside the portal: its task set is in the
    // service, so the service's next read finds the rest changed too.
    const id = await service.deploy('bbbbbbb');
    advanceSandbox(sb, 10 * SECOND);
    passes(70 * SECOND);
    const after = await read('/history?limit=25');
    expect(after.calls['codedeploy:ListDeployments']).toBe(1);
    expect(after.body.items[0].id).toBe(`codedeploy:${id}`);
    expect((await read('/tasks')).calls['ecs:ListTasks']).toBe(1);
  });
});

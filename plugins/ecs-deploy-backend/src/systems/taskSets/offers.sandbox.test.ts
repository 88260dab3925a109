import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import { HistoryResponse } from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import {
  component,
  createCluster,
  createExternalService,
  serviceArn,
} from '../../__testUtils__/sandboxFleet';
import {
  Backend,
  api,
  startActionBackend,
} from '../../actions/__testUtils__/actionBackend';
import {
  ActionClients,
  actionClients,
} from '../../actions/__testUtils__/actionFleet';

const CLUSTER = 'storefront-prod';

describe('EXTERNAL task set offers over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    await createCluster(clients, CLUSTER);
    await createExternalService(sb, clients, 'orders-worker', CLUSTER);
    ({ backend } = await startActionBackend(sb, [
      component('orders-worker', {
        'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'orders-worker'),
      }),
    ]));
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('names the system, offers the release actions only, and refuses a deployment action on a task set', async () => {
    const overview = await request(backend.server).get(
      api('orders-worker', '/environments'),
    );
    const env = overview.body.environments[0];
    expect(env.system).toEqual({ id: 'taskSets', label: 'EXTERNAL task sets' });
    // A release is under way (10% shifted): no second one starts.
    expect(env.offers).toEqual([
      {
        action: 'start-release',
        unavailableReason: expect.stringMatching(
          /^A release is under way in prod: task set ecs:ecs-svc\.\d+ takes 10% of production traffic; promote or abort it first$/,
        ),
      },
    ]);
    const history = await request(backend.server)
      .get(api('orders-worker', '/history'))
      .query({ environment: 'prod' });
    const rows = (history.body as HistoryResponse).items;
    // the primary task set and the one being shifted to
    expect(rows.map(r => r.awsStatus).sort()).toEqual(['ACTIVE', 'PRIMARY']);
    const active = rows.find(r => r.awsStatus === 'ACTIVE')!;
    expect(rows.find(r => r.awsStatus === 'PRIMARY')!.offers).toEqual([]);
    expect(active.offers).toEqual([
      { action: 'abort-release', request: { deploymentId: active.id } },
    ]);

    // The traffic view's release has the history row's id.
    const traffic = await request(backend.server)
      .get(api('orders-worker', '/traffic'))
      .query({ environment: 'prod' });
    expect(traffic.body.environments[0].shift).toMatchObject({
      deploymentId: active.id,
      shiftedPercent: 10,
    });

    sb.callLog.reset();
    const res = await request(backend.server)
      .post(api('orders-worker', '/actions/rollback'))
      .set('Idempotency-Key', 'taskset-rollback-1')
      .send({ environment: 'prod', deploymentId: rows[0].id });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `deploymentId: environment 'prod' has no service deployed by the ECS deployment controller`,
    );
    expect(sb.callLog.count('ecs:StopServiceDeployment')).toBe(0);
  });
});

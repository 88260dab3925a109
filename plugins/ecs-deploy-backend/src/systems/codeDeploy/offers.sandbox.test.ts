import { GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  ActionOffer,
  DeploymentDetail,
  HistoryResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import {
  component,
  createCluster,
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
  createWaitingCodeDeployService,
} from '../../actions/__testUtils__/actionFleet';

const MINUTE = 60_000;
const CLUSTER = 'storefront-prod';

describe('CodeDeploy offers over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;
  let payments: Awaited<ReturnType<typeof createWaitingCodeDeployService>>;

  const offersOf = async (
    id: string,
    { shifting }: { shifting: boolean },
  ): Promise<ActionOffer[]> => {
    const history = await request(backend.server)
      .get(api('payments-api', '/history'))
      .query({ environment: 'prod' });
    expect(history.status).toBe(200);
    const row = (history.body as HistoryResponse).items.find(
      i => i.id === `codedeploy:${id}`,
    );
    const detail = await request(backend.server)
      .get(api('payments-api', `/deployments/codedeploy:${id}`))
      .query({ environment: 'prod' });
    // The detail offers what the history row offers.
    expect((detail.body as DeploymentDetail).deployment.offers).toEqual(
      row?.offers,
    );
    // So does the traffic snapshot, while the deployment moves traffic.
    const traffic = await request(backend.server)
      .get(api('payments-api', '/traffic'))
      .query({ environment: 'prod' });
    const { shift } = (traffic.body as TrafficResponse).environments[0];
    if (shifting) {
      expect(shift?.deploymentId).toBe(`codedeploy:${id}`);
      expect(shift?.offers).toEqual(row?.offers);
    } else {
      expect(shift).toBeUndefined();
    }
    return row!.offers!;
  };
  const reasonOf = (offers: ActionOffer[], action: string) =>
    offers.find(o => o.action === action)?.unavailableReason;
  const act = (action: string, id: string, key: string) =>
    request(backend.server)
      .post(api('payments-api', `/actions/${action}`))
      .set('Idempotency-Key', key)
      .send({ environment: 'prod', deploymentId: `codedeploy:${id}` });
  const status = async (deploymentId: string) =>
    (await clients.codeDeploy.send(new GetDeploymentCommand({ deploymentId })))
      .deploymentInfo!.status;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    await createCluster(clients, CLUSTER);
    payments = await createWaitingCodeDeployService(
      sb,
      clients,
      'payments-api',
      CLUSTER,
      { tagged: true },
    );
    ({ backend } = await startActionBackend(sb, [
      component('payments-api', {
        'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'payments-api'),
      }),
    ]));
  });

  it('names the deployment system in the overview', async () => {
    const res = await request(backend.server).get(
      api('payments-api', '/environments'),
    );
    expect(res.body.environments[0].system).toEqual({
      id: 'codeDeploy',
      label: 'CodeDeploy blue/green',
    });
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('reads a deployment CodeDeploy has not started yet as starting, never as a 409', async () => {
    const id = await payments.deploy('aaaaaaa');
    sb.callLog.reset();
    expect(await status(id)).toBe('Created');
    const traffic = await request(backend.server)
      .get(api('payments-api', '/traffic'))
      .query({ environment: 'prod' });
    expect(traffic.status).toBe(200);
    expect(
      (traffic.body as TrafficResponse).environments[0].shift,
    ).toMatchObject({
      deploymentId: `codedeploy:${id}`,
      phase: 'PROVISIONING',
      shiftedPercent: 0,
    });
    const detail = await request(backend.server)
      .get(api('payments-api', `/deployments/codedeploy:${id}`))
      .query({ environment: 'prod' });
    expect(detail.status).toBe(200);
    // The listing may say started while the details still say not started.
    advanceSandbox(sb, 20_000);
    sb.faults.set('codedeploy:BatchGetDeploymentTargets', {
      errorRate: 1,
      errorCode: 'DeploymentNotStartedException',
      errorStatus: 400,
    });
    try {
      const racing = await request(backend.server)
        .get(api('payments-api', '/traffic'))
        .query({ environment: 'prod' });
      expect(racing.status).toBe(200);
      expect(
        (racing.body as TrafficResponse).environments[0].shift,
      ).toMatchObject({
        deploymentId: `codedeploy:${id}`,
        phase: 'PROVISIONING',
      });
      expect(sb.callLog.count('codedeploy:BatchGetDeploymentTargets')).toBe(1);
    } finally {
      sb.faults.clear();
    }
    // let it run its course before the next test deploys
    advanceSandbox(sb, 2 * MINUTE);
    expect((await act('rollback', id, 'not-started-rollback')).status).toBe(
      200,
    );
    advanceSandbox(sb, 2 * MINUTE);
  });

  it('offers what CodeDeploy accepts while a deployment waits, bakes and after it ended', async () => {
    const id = await payments.deploy('bbbbbbb');
    advanceSandbox(sb, 2 * MINUTE);
    expect(await status(id)).toBe('Ready');

    // waiting at Ready: continue and roll back, not finish early
    const waiting = await offersOf(id, { shifting: true });
    expect(waiting).toEqual([
      { action: 'continue', request: { deploymentId: `codedeploy:${id}` } },
      {
        action: 'finish-early',
        unavailableReason: expect.stringContaining(
          'not waiting to terminate the original task set',
        ),
        request: { deploymentId: `codedeploy:${id}` },
      },
      { action: 'rollback', request: { deploymentId: `codedeploy:${id}` } },
    ]);
    const early = await act('finish-early', id, 'offer-finish-0');
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe(reasonOf(waiting, 'finish-early'));
    expect((await act('continue', id, 'offer-continue-1')).status).toBe(200);

    // shifted, keeping the original task set: finish early, not continue
    advanceSandbox(sb, 6 * MINUTE);
    const baking = await offersOf(id, { shifting: true });
    expect(baking.map(o => [o.action, !o.unavailableReason])).toEqual([
      ['continue', false],
      ['finish-early', true],
      ['rollback', true],
    ]);
    const again = await act('continue', id, 'offer-continue-2');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(reasonOf(baking, 'continue'));
    expect((await act('finish-early', id, 'offer-finish-1')).status).toBe(200);

    // ended: nothing
    advanceSandbox(sb, 30_000);
    expect(await status(id)).toBe('Succeeded');
    const ended = await offersOf(id, { shifting: false });
    expect(ended.every(o => o.unavailableReason)).toBe(true);
    const stop = await act('rollback', id, 'offer-rollback-1');
    expect(stop.status).toBe(409);
    expect(stop.body.error.message).toBe(reasonOf(ended, 'rollback'));
  });
});

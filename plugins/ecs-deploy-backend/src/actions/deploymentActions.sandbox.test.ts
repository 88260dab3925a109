import { GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import {
  DescribeServiceDeploymentsCommand,
  ListServiceDeploymentsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-ecs';
import { DescribeListenersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import { EcsDeployActionResponse } from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import {
  component,
  createCluster,
  createNativeService,
  serviceArn,
} from '../__testUtils__/sandboxFleet';
import {
  ActionClients,
  actionClients,
  createWaitingCodeDeployService,
  entityRefOf,
} from './__testUtils__/actionFleet';
import {
  Backend,
  RecordedAudit,
  api,
  startActionBackend,
} from './__testUtils__/actionBackend';

const MINUTE = 60_000;
const CLUSTER = 'storefront-prod';

const entities = [
  component('payments-api', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'payments-api'),
  }),
  component('ledger-api', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'ledger-api'),
  }),
];

describe('deployment actions over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;
  let audits: RecordedAudit[];
  let payments: Awaited<ReturnType<typeof createWaitingCodeDeployService>>;
  let ledger: Awaited<ReturnType<typeof createNativeService>>;

  const post = (name: string, action: string, body: object, key: string) =>
    request(backend.server)
      .post(api(name, `/actions/${action}`))
      .set('Idempotency-Key', key)
      .send(body);
  const codeDeployStatus = async (deploymentId: string) =>
    (await clients.codeDeploy.send(new GetDeploymentCommand({ deploymentId })))
      .deploymentInfo!.status;
  /** Production listener weights of payments-api, by target group colour. */
  const productionWeights = async () => {
    const { Listeners } = await clients.elb.send(
      new DescribeListenersCommand({ ListenerArns: [payments.alb.production] }),
    );
    const groups =
      Listeners![0].DefaultActions![0].ForwardConfig?.TargetGroups ?? [];
    const weight = (arn: string) =>
      groups.find(g => g.TargetGroupArn === arn)?.Weight ??
      (Listeners![0].DefaultActions![0].TargetGroupArn === arn ? 1 : 0);
    return {
      blue: weight(payments.alb.blue),
      green: weight(payments.alb.green),
    };
  };
  const latestServiceDeployment = async () => {
    const { serviceDeployments } = await clients.ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: CLUSTER,
        service: 'ledger-api',
      }),
    );
    const arn = serviceDeployments![0].serviceDeploymentArn!;
    const described = await clients.ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
    );
    return { id: arn.split('/').pop()!, ...described.serviceDeployments![0] };
  };

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
    ledger = await createNativeService(sb, clients, 'ledger-api', CLUSTER, {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 0,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
        } as any,
      ],
    });
    await clients.ecs.send(
      new TagResourceCommand({
        resourceArn: serviceArn(CLUSTER, 'ledger-api'),
        tags: [
          { key: 'backstage.io/entity', value: entityRefOf('ledger-api') },
        ],
      }),
    );
    ({ backend, audits } = await startActionBackend(sb, entities));
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('continues a canary deployment waiting at Ready once per key, then finishes it early to Succeeded', async () => {
    const id = await payments.deploy('bbbbbbb');
    advanceSandbox(sb, 2 * MINUTE);
    expect(await codeDeployStatus(id)).toBe('Ready');
    const body = { environment: 'prod', deploymentId: `codedeploy:${id}` };
    sb.callLog.reset();

    const first = await post(
      'payments-api',
      'continue',
      body,
      'continue-key-1',
    );
    expect(first.status).toBe(200);
    expect((first.body as EcsDeployActionResponse).ledgerEntry).toMatchObject({
      action: 'continue',
      environment: 'prod',
      actor: 'user:default/mock',
      status: 'succeeded',
      deploymentId: `codedeploy:${id}`,
      awsResource: id,
    });
    expect(first.body.message).toContain('traffic is shifting');
    // the retry gets the first answer, and AWS sees one ContinueDeployment
    const retry = await post(
      'payments-api',
      'continue',
      body,
      'continue-key-1',
    );
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(sb.callLog.count('codedeploy:ContinueDeployment')).toBe(1);
    expect(
      audits.filter(a => a.eventId === 'ecs-deployment-action').slice(-2),
    ).toEqual([
      expect.objectContaining({
        outcome: 'success',
        meta: expect.objectContaining({ replay: false, environment: 'prod' }),
      }),
      expect.objectContaining({
        outcome: 'success',
        meta: expect.objectContaining({ replay: true }),
      }),
    ]);

    // a new request on a deployment no longer waiting: 409 with its state
    const stale = await post(
      'payments-api',
      'continue',
      body,
      'continue-key-2',
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(
      /not waiting for traffic rerouting: it is InProgress/,
    );
    const early = await post(
      'payments-api',
      'finish-early',
      body,
      'finish-key-0',
    );
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(
      /not waiting to terminate the original task set/,
    );
    expect(sb.callLog.count('codedeploy:ContinueDeployment')).toBe(1);

    advanceSandbox(sb, 6 * MINUTE);
    expect(await productionWeights()).toEqual({ blue: 0, green: 100 });
    const finish = await post(
      'payments-api',
      'finish-early',
      body,
      'finish-key-1',
    );
    expect(finish.status).toBe(200);
    advanceSandbox(sb, 30_000);
    expect(await codeDeployStatus(id)).toBe('Succeeded');
    expect(sb.callLog.count('codedeploy:ContinueDeployment')).toBe(2);
  });

  it('stops a canary in progress and rolls it back: traffic returns to the original task set', async () => {
    // production runs the previous deployment's task set, on the green group
    const original = await productionWeights();
    expect(original).toEqual({ blue: 0, green: 100 });
    const id = await payments.deploy('ccccccc');
    advanceSandbox(sb, 2 * MINUTE);
    const body = { environment: 'prod', deploymentId: `codedeploy:${id}` };
    expect(
      (await post('payments-api', 'continue', body, 'continue-key-3')).status,
    ).toBe(200);
    advanceSandbox(sb, 90_000);
    // the canary sends 10% to the replacement, now on the blue group
    expect(await productionWeights()).toEqual({ blue: 10, green: 90 });
    sb.callLog.reset();

    const stop = await post('payments-api', 'rollback', body, 'rollback-key-1');
    expect(stop.status).toBe(200);
    expect(stop.body.message).toContain('traffic returns');
    const retry = await post(
      'payments-api',
      'rollback',
      body,
      'rollback-key-1',
    );
    expect(retry.body).toEqual(stop.body);
    expect(sb.callLog.count('codedeploy:StopDeployment')).toBe(1);

    expect(await codeDeployStatus(id)).toBe('Stopped');
    // all production traffic is back on the original task set
    expect(await productionWeights()).toEqual(original);
    advanceSandbox(sb, MINUTE);

    const again = await post(
      'payments-api',
      'rollback',
      body,
      'rollback-key-2',
    );
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      /cannot be stopped: it is Stopped/,
    );
    expect(sb.callLog.count('codedeploy:StopDeployment')).toBe(1);
  });

  it('continues an ECS deployment paused at a lifecycle hook, once per key', async () => {
    await ledger.update('v2');
    advanceSandbox(sb, 5 * MINUTE);
    const paused = await latestServiceDeployment();
    expect(paused.lifecycleHookDetails?.[0]?.status).toBe('AWAITING_ACTION');
    const body = { environment: 'prod', deploymentId: `ecs:${paused.id}` };
    sb.callLog.reset();

    const first = await post('ledger-api', 'continue', body, 'ecs-continue-1');
    expect(first.status).toBe(200);
    const retry = await post('ledger-api', 'continue', body, 'ecs-continue-1');
    expect(retry.body).toEqual(first.body);
    expect(sb.callLog.count('ecs:ContinueServiceDeployment')).toBe(1);
    advanceSandbox(sb, 10_000);
    expect(
      (await latestServiceDeployment()).lifecycleHookDetails?.[0]?.status,
    ).toBe('SUCCEEDED');

    const stale = await post('ledger-api', 'continue', body, 'ecs-continue-2');
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/not paused at a lifecycle hook/);
    expect(sb.callLog.count('ecs:ContinueServiceDeployment')).toBe(1);
  });

  it('stops and rolls back an ECS deployment, once per key', async () => {
    advanceSandbox(sb, 5 * MINUTE);
    await ledger.update('v3');
    advanceSandbox(sb, 5 * MINUTE);
    const running = await latestServiceDeployment();
    expect(running.status).toBe('IN_PROGRESS');
    const body = { environment: 'prod', deploymentId: `ecs:${running.id}` };
    sb.callLog.reset();

    const stop = await post('ledger-api', 'rollback', body, 'ecs-rollback-1');
    expect(stop.status).toBe(200);
    const retry = await post('ledger-api', 'rollback', body, 'ecs-rollback-1');
    expect(retry.body).toEqual(stop.body);
    expect(sb.callLog.count('ecs:StopServiceDeployment')).toBe(1);
    advanceSandbox(sb, MINUTE);
    expect((await latestServiceDeployment()).status).toBe(
      'ROLLBACK_SUCCESSFUL',
    );

    const again = await post('ledger-api', 'rollback', body, 'ecs-rollback-2');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      /cannot be stopped: it is ROLLBACK_SUCCESSFUL/,
    );
  });
});

import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import {
  AddTagsCommand,
  DescribeListenersCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import {
  BlueGreenAlb,
  createBlueGreenAlb,
  createEcsService,
  registerTaskDefinition,
} from '@ecs-deploy/aws-sandbox/testing';
import { TrafficResponse } from '@ecs-deploy/plugin-ecs-deploy-common';
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
  createRepository,
  ownerTags,
  pushImage,
  repositoryUri,
} from '../../actions/__testUtils__/actionFleet';

const NAME = 'notify';
const ENVS = ['staging', 'prod'] as const;
const cluster = (env: string) => `${NAME}-${env}`;

describe('EXTERNAL releases over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;
  const albs: Record<string, BlueGreenAlb> = {};
  const digests: Record<string, string> = {};
  let key = 0;

  const act = (
    action: string,
    body: object,
    idempotencyKey = `release-key-${++key}`,
  ) =>
    request(backend.server)
      .post(api(NAME, `/actions/${action}`))
      .set('Idempotency-Key', idempotencyKey)
      .send(body);

  const prodService = async () =>
    (
      await clients.ecs.send(
        new DescribeServicesCommand({
          cluster: cluster('prod'),
          services: [NAME],
        }),
      )
    ).services![0];

  /** `{ blue: 90, green: 10 }` for a listener of prod's ALB. */
  const weights = async (listener: 'production' | 'test') => {
    const { Listeners } = await clients.elb.send(
      new DescribeListenersCommand({ ListenerArns: [albs.prod[listener]] }),
    );
    const out: Record<string, number> = {};
    for (const tg of Listeners![0].DefaultActions![0].ForwardConfig!
      .TargetGroups!) {
      out[tg.TargetGroupArn === albs.prod.blue ? 'blue' : 'green'] = tg.Weight!;
    }
    return out;
  };

  const traffic = async () =>
    (
      (
        await request(backend.server)
          .get(api(NAME, '/traffic'))
          .query({ environment: 'prod' })
      ).body as TrafficResponse
    ).environments[0];

  beforeAll(async () => {
    // A minute of AWS time per real second: tasks start in about a second.
    sb = await startSandbox({ seed: 'none', speed: 60 });
    clients = actionClients(sb);
    await createRepository(clients, NAME, { tagged: true });
    digests.old = await pushImage(clients, NAME, '1111111', ['1111111']);
    digests.new = await pushImage(clients, NAME, '2222222', ['2222222']);
    await pushImage(clients, NAME, 'bbbbbbb', ['broken-3']);
    for (const env of ENVS) {
      await createCluster(clients, cluster(env));
      albs[env] = await createBlueGreenAlb(clients.fleet, {
        name: `${NAME}-${env}`,
        tags: ownerTags(NAME),
        standbyGreen: true,
      });
      await createEcsService(clients.fleet, {
        cluster: cluster(env),
        serviceName: NAME,
        controller: { type: 'EXTERNAL' },
        taskDefinition: await registerTaskDefinition(clients.fleet, {
          family: `${NAME}-${env}`,
          image: `${repositoryUri(NAME)}:${
            env === 'staging' ? '2222222' : '1111111'
          }`,
        }),
        alb: albs[env],
        fargate: {},
        tags: ownerTags(NAME),
      });
    }
    ({ backend } = await startActionBackend(
      sb,
      [
        component(NAME, {
          'ecs-deploy.io/environments': ENVS.join(','),
          ...Object.fromEntries(
            ENVS.map(env => [
              `ecs-deploy.io/service-arn.${env}`,
              serviceArn(cluster(env), NAME),
            ]),
          ),
        }),
      ],
      { releaseSteadySeconds: 4 },
    ));
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('starts a release from staging, shifts 10%, refuses a stale shift, and promotes', async () => {
    const start = await act('start-release', {
      environment: 'prod',
      from: 'staging',
    });
    expect(start.status).toBe(200);
    const releaseId = start.body.ledgerEntry.deploymentId as string;
    expect(releaseId).toMatch(/^ecs:ecs-svc\./);
    expect(start.body.message).toContain(`Release 2222222`);

    // The new task set runs staging's image, pinned by digest, on green.
    let service = await prodService();
    const incoming = service.taskSets!.find(t => t.status === 'ACTIVE')!;
    expect(incoming.loadBalancers![0].targetGroupArn).toBe(albs.prod.green);
    expect(incoming.stabilityStatus).toBe('STEADY_STATE');
    const { taskDefinition } = await sb.invoke(
      'ecs',
      'DescribeTaskDefinition',
      {
        taskDefinition: incoming.taskDefinition,
      },
    );
    expect(taskDefinition.containerDefinitions[0].image).toBe(
      `${repositoryUri(NAME)}@${digests.new}`,
    );
    expect(await weights('test')).toEqual({ blue: 0, green: 100 });
    expect(await weights('production')).toEqual({ blue: 100, green: 0 });

    // The traffic view offers the next step with the split it read.
    const seen = await traffic();
    expect(seen.shift).toMatchObject({
      deploymentId: releaseId,
      phase: 'WAITING',
      shiftedPercent: 0,
    });
    expect(seen.shift!.offers.map(o => [o.action, o.request])).toEqual([
      [
        'shift-traffic',
        { deploymentId: releaseId, percent: 10, fromPercent: 0 },
      ],
      ['promote-release', { deploymentId: releaseId }],
      ['abort-release', { deploymentId: releaseId }],
    ]);

    const shift = { environment: 'prod', deploymentId: releaseId };
    sb.callLog.reset();
    const first = await act(
      'shift-traffic',
      { ...shift, percent: 10, fromPercent: 0 },
      'shift-10',
    );
    expect(first.status).toBe(200);
    expect(sb.callLog.count('elbv2:ModifyListener')).toBe(1);
    expect(await weights('production')).toEqual({ blue: 90, green: 10 });

    // The same request again is a replay; a second person's, read before
    // the shift, is stale.
    const replay = await act(
      'shift-traffic',
      { ...shift, percent: 10, fromPercent: 0 },
      'shift-10',
    );
    expect(replay.status).toBe(200);
    expect(replay.body.ledgerEntry.id).toBe(first.body.ledgerEntry.id);
    expect(sb.callLog.count('elbv2:ModifyListener')).toBe(1);
    const stale = await act('shift-traffic', {
      ...shift,
      percent: 25,
      fromPercent: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe(
      `Production traffic on ${releaseId} is 10% now, not 0%: look at the split again`,
    );
    expect(await weights('production')).toEqual({ blue: 90, green: 10 });
    expect((await traffic()).shift).toMatchObject({
      phase: 'SHIFTING',
      shiftedPercent: 10,
    });

    const promote = await act('promote-release', shift);
    expect(promote.status).toBe(200);
    service = await prodService();
    expect(service.taskSets!.map(t => [t.status, t.id])).toEqual([
      ['PRIMARY', incoming.id],
    ]);
    expect(await weights('production')).toEqual({ blue: 0, green: 100 });
    expect(await weights('test')).toEqual({ blue: 0, green: 100 });

    // The release's detail lists its steps (the refused one too), with who took them.
    const detail = await request(backend.server)
      .get(api(NAME, `/deployments/${encodeURIComponent(releaseId)}`))
      .query({ environment: 'prod' });
    expect(detail.status).toBe(200);
    expect(
      detail.body.deployment.portalActions.map(
        (a: { action: string; actor: string; status: string }) => [
          a.action,
          a.status,
        ],
      ),
    ).toEqual([
      ['start-release', 'succeeded'],
      ['shift-traffic', 'succeeded'],
      // the second person's stale shift, refused
      ['shift-traffic', 'failed'],
      ['promote-release', 'succeeded'],
    ]);

    // Nothing is under way any more: acting on the release is stale.
    const late = await act('abort-release', shift);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('No release is under way in prod');
    const again = await act('start-release', {
      environment: 'prod',
      from: 'staging',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `prod already runs 2222222 (${digests.new.slice(0, 19)})`,
    );
  });

  it('aborts a release by image tag at 25%: traffic back, its task set gone', async () => {
    const start = await act('start-release', {
      environment: 'prod',
      imageTag: '1111111',
    });
    expect(start.status).toBe(200);
    const releaseId = start.body.ledgerEntry.deploymentId;
    // The release is on the target group the primary does not use (blue now).
    expect(await weights('test')).toEqual({ blue: 100, green: 0 });

    const second = await act('start-release', {
      environment: 'prod',
      imageTag: '1111111',
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(
      /^A release is under way in prod: task set .* takes 0% of production traffic; promote or abort it first$/,
    );

    // Abort from a step with production traffic on the release.
    const shifted = await act('shift-traffic', {
      environment: 'prod',
      deploymentId: releaseId,
      percent: 25,
      fromPercent: 0,
    });
    expect(shifted.status).toBe(200);
    expect(await weights('production')).toEqual({ blue: 25, green: 75 });

    const abort = await act('abort-release', {
      environment: 'prod',
      deploymentId: releaseId,
    });
    expect(abort.status).toBe(200);
    const service = await prodService();
    expect(service.taskSets!.map(t => t.status)).toEqual(['PRIMARY']);
    expect(await weights('production')).toEqual({ blue: 0, green: 100 });
    expect(await weights('test')).toEqual({ blue: 0, green: 100 });
  });

  it('deletes a task set that does not become steady, and says why', async () => {
    const start = await act('start-release', {
      environment: 'prod',
      imageTag: 'broken-3',
    });
    expect(start.status).toBe(409);
    expect(start.body.error.message).toMatch(
      /^Task set ecs:ecs-svc\.\S+ did not become steady within 4 s \(0 of \d+ tasks running\); it was deleted and nothing else changed/,
    );
    const service = await prodService();
    expect(service.taskSets!.map(t => t.status)).toEqual(['PRIMARY']);
    expect(await weights('test')).toEqual({ blue: 0, green: 100 });
    // Final: the ledger does not keep it as an outcome to settle.
    const ledger = await request(backend.server).get(api(NAME, '/ledger'));
    expect(ledger.body.items[0]).toMatchObject({
      action: 'start-release',
      status: 'failed',
    });
  });

  it('refuses a request naming neither image source, before any AWS call', async () => {
    sb.callLog.reset();
    const res = await act('start-release', { environment: 'prod' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid request: from: give exactly one of from (the environment whose image to release) and imageTag',
    );
    expect(sb.callLog.entries().length).toBe(0);
  });

  it('changes nothing when a listener it would move is not tagged for the entity', async () => {
    await clients.elb.send(
      new RemoveTagsCommand({
        ResourceArns: [albs.prod.test],
        TagKeys: [ownerTags(NAME)[0].Key],
      }),
    );
    sb.callLog.reset();
    const res = await act('start-release', {
      environment: 'prod',
      imageTag: '1111111',
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      code: 'NotTaggedForEntity',
    });
    expect(res.body.error.message).toContain(albs.prod.test);
    for (const mutation of [
      'ecs:RegisterTaskDefinition',
      'ecs:CreateTaskSet',
      'elbv2:ModifyListener',
    ]) {
      expect(sb.callLog.count(mutation)).toBe(0);
    }
    await clients.elb.send(
      new AddTagsCommand({
        ResourceArns: [albs.prod.test],
        Tags: ownerTags(NAME),
      }),
    );
  });
});

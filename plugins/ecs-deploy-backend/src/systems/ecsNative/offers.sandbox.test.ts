import {
  DescribeServiceDeploymentsCommand,
  ListServiceDeploymentsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-ecs';
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
  createNativeService,
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
  entityRefOf,
} from '../../actions/__testUtils__/actionFleet';

const MINUTE = 60_000;
const CLUSTER = 'storefront-prod';

describe('ECS-native offers over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;
  let ledger: Awaited<ReturnType<typeof createNativeService>>;

  const latest = async () => {
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
  const rowOf = async (id: string) => {
    const history = await request(backend.server)
      .get(api('ledger-api', '/history'))
      .query({ environment: 'prod' });
    expect(history.status).toBe(200);
    return (history.body as HistoryResponse).items.find(
      i => i.id === `ecs:${id}`,
    )!;
  };
  const offersOf = async (
    id: string,
    { shifting }: { shifting: boolean },
  ): Promise<ActionOffer[]> => {
    const row = await rowOf(id);
    const detail = await request(backend.server)
      .get(api('ledger-api', `/deployments/ecs:${id}`))
      .query({ environment: 'prod' });
    expect((detail.body as DeploymentDetail).deployment.offers).toEqual(
      row.offers,
    );
    // So does the traffic snapshot, while the deployment moves traffic.
    const traffic = await request(backend.server)
      .get(api('ledger-api', '/traffic'))
      .query({ environment: 'prod' });
    const { shift } = (traffic.body as TrafficResponse).environments[0];
    if (shifting) {
      expect(shift?.deploymentId).toBe(`ecs:${id}`);
      expect(shift?.offers).toEqual(row.offers);
    } else {
      expect(shift).toBeUndefined();
    }
    return row.offers!;
  };
  const available = (offers: ActionOffer[]) =>
    offers.map(o => [o.action, !o.unavailableReason]);
  const reasonOf = (offers: ActionOffer[], action: string) =>
    offers.find(o => o.action === action)?.unavailableReason;
  const act = (action: string, id: string, key: string) =>
    request(backend.server)
      .post(api('ledger-api', `/actions/${action}`))
      .set('Idempotency-Key', key)
      .send({ environment: 'prod', deploymentId: `ecs:${id}` });

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    await createCluster(clients, CLUSTER);
    ledger = await createNativeService(sb, clients, 'ledger-api', CLUSTER, {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 10,
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
    ({ backend } = await startActionBackend(sb, [
      component('ledger-api', {
        'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'ledger-api'),
      }),
    ]));
  });

  it('names the deployment system in the overview', async () => {
    const res = await request(backend.server).get(
      api('ledger-api', '/environments'),
    );
    expect(res.body.environments[0].system).toEqual({
      id: 'ecsNative',
      label: 'ECS blue/green',
    });
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('offers what ECS accepts while a deployment waits at a hook, bakes and after it ended', async () => {
    await ledger.update('v2');
    advanceSandbox(sb, 5 * MINUTE);
    const { id } = await latest();
    expect((await rowOf(id)).status).toBe('WAITING');

    // paused at the hook: continue or roll back; ECS has no finish early
    const waiting = await offersOf(id, { shifting: true });
    expect(waiting).toEqual([
      { action: 'continue', request: { deploymentId: `ecs:${id}` } },
      { action: 'rollback', request: { deploymentId: `ecs:${id}` } },
    ]);
    expect((await act('continue', id, 'ecs-offer-continue-1')).status).toBe(
      200,
    );

    // past the hook, baking: only roll back
    advanceSandbox(sb, 2 * MINUTE);
    expect((await rowOf(id)).status).toBe('BAKING');
    const baking = await offersOf(id, { shifting: true });
    expect(available(baking)).toEqual([
      ['continue', false],
      ['rollback', true],
    ]);
    const again = await act('continue', id, 'ecs-offer-continue-2');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(reasonOf(baking, 'continue'));

    // ended: nothing
    advanceSandbox(sb, 15 * MINUTE);
    expect((await latest()).status).toBe('SUCCESSFUL');
    const ended = await offersOf(id, { shifting: false });
    expect(available(ended)).toEqual([
      ['continue', false],
      ['rollback', false],
    ]);
    const stop = await act('rollback', id, 'ecs-offer-rollback-1');
    expect(stop.status).toBe(409);
    expect(stop.body.error.message).toBe(reasonOf(ended, 'rollback'));
  });
});

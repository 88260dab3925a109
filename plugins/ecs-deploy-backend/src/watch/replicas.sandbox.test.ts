import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import request from 'supertest';
import {
  component,
  createCluster,
  serviceArn,
} from '../__testUtils__/sandboxFleet';
import { sharedStores } from '../__testUtils__/sharedStores';
import {
  ActionClients,
  actionClients,
  createWaitingCodeDeployService,
} from '../actions/__testUtils__/actionFleet';
import {
  api,
  startActionBackend,
} from '../actions/__testUtils__/actionBackend';
import { recorders } from './__testUtils__/recorders';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const CLUSTER = 'replicated-prod';
const NAME = 'replicated-api';
const ROUND = 'ecs-deploy-deployment-watcher';
const entities = [
  component(NAME, {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, NAME),
  }),
];

const stores = sharedStores();

stores.describeIfAvailable('two replicas on PostgreSQL and Redis', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let payments: Awaited<ReturnType<typeof createWaitingCodeDeployService>>;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    await createCluster(clients, CLUSTER);
    payments = await createWaitingCodeDeployService(
      sb,
      clients,
      NAME,
      CLUSTER,
      {
        tagged: true,
      },
    );
  });

  afterAll(async () => {
    clients?.destroy();
    await sb?.close();
  });

  const replicas = async () => {
    const { knex, cache } = await stores.init();
    const start = async () => {
      const sent = recorders();
      const started = await startActionBackend(sb, entities, {
        knex,
        cached: true,
        services: sent.services,
        rootConfig: { backend: { cache } },
        ecsDeploy: {
          watch: {
            movingSeconds: 0.001,
            bakingSeconds: 0.001,
            waitingSeconds: 0.001,
          },
        },
      });
      return { ...started, ...sent };
    };
    return { knex, a: await start(), b: await start() };
  };

  it("answers a read on one replica from what the other read, and tells the owners once when both run the watcher's round", async () => {
    await payments.deploy('bbbbbbb');
    advanceSandbox(sb, 2 * MINUTE);
    const { knex, a, b } = await replicas();
    try {
      sb.callLog.reset();
      const first = await request(a.backend.server)
        .get(api(NAME, '/environments'))
        .expect(200);
      expect(sb.callLog.total()).toBeGreaterThan(0);
      sb.callLog.reset();
      const second = await request(b.backend.server)
        .get(api(NAME, '/environments'))
        .expect(200);
      expect(second.body).toEqual(first.body);
      expect(sb.callLog.total()).toBe(0);

      for (
        let i = 0;
        i < 50 && !(await knex('ecs_deploy_watches').first());
        i++
      ) {
        await new Promise(r => setTimeout(r, 20));
      }
      // a failover overlap: both replicas run a round at once
      await Promise.all([a.runTask(ROUND), b.runTask(ROUND)]);
      const waiting = [...a.notifications, ...b.notifications].filter(n =>
        n.payload.title.includes('waits for you'),
      );
      expect(waiting).toHaveLength(1);
      expect(await knex('ecs_deploy_notified').select('kind')).toEqual([
        { kind: 'waiting' },
      ]);
    } finally {
      await a.backend.stop();
      await b.backend.stop();
    }
  });
});

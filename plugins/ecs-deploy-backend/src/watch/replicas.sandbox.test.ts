import { advanceSandbox } from '@ecs-deploy/aws-sandbox';
import request from 'supertest';
import { sharedStores } from '../__testUtils__/sharedStores';
import {
  api,
  startActionBackend,
} from '../actions/__testUtils__/actionBackend';
import { recorders } from './__testUtils__/recorders';
import {
  WaitingServiceFleet,
  waitingServiceFleet,
} from './__testUtils__/waitingService';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const CLUSTER = 'replicated-prod';
const NAME = 'replicated-api';
const ROUND = 'ecs-deploy-deployment-watcher';

const stores = sharedStores();

stores.describeIfAvailable('two replicas on PostgreSQL and Redis', () => {
  let fleet: WaitingServiceFleet;

  beforeAll(async () => {
    fleet = await waitingServiceFleet(NAME, CLUSTER);
  });

  afterAll(async () => {
    await fleet?.close();
  });

  const replicas = async () => {
    const { knex, cache } = await stores.init();
    const start = async () => {
      const sent = recorders();
      const started = await startActionBackend(fleet.sb, fleet.entities, {
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
    await fleet.service.deploy('bbbbbbb');
    advanceSandbox(fleet.sb, 2 * MINUTE);
    const { knex, a, b } = await replicas();
    try {
      fleet.sb.callLog.reset();
      const first = await request(a.backend.server)
        .get(api(NAME, '/environments'))
        .expect(200);
      expect(fleet.sb.callLog.total()).toBeGreaterThan(0);
      fleet.sb.callLog.reset();
      const second = await request(b.backend.server)
        .get(api(NAME, '/environments'))
        .expect(200);
      expect(second.body).toEqual(first.body);
      expect(fleet.sb.callLog.total()).toBe(0);

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

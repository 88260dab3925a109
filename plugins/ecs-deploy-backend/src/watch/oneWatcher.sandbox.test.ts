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
  Backend,
  startActionBackend,
} from '../actions/__testUtils__/actionBackend';
import { DeploymentWatcher } from './DeploymentWatcher';
import { recorders } from './__testUtils__/recorders';

jest.setTimeout(90_000);

const MINUTE = 60_000;
const CLUSTER = 'watched-prod';
const NAME = 'watched-api';
const ROUND = 'ecs-deploy-deployment-watcher';
const entities = [
  component(NAME, {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, NAME),
  }),
];

const stores = sharedStores();

/** One call of the watcher's round: on which replica, from when to when. */
type Round = { replica: DeploymentWatcher; start: number; end: number };

/** Polls `done` every 100 ms for at most `ms`; the test fails after, not hangs. */
async function within(ms: number, done: () => boolean) {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 100));
  }
  expect(done()).toBe(true);
}

stores.describeIfAvailable(
  "one watcher across replicas, on Backstage's own scheduler",
  () => {
    let sb: RunningSandbox;
    let clients: ActionClients;
    const rounds: Round[] = [];
    let roundSpy: jest.SpyInstance;

    beforeAll(async () => {
      sb = await startSandbox({ seed: 'none', speed: 0 });
      clients = actionClients(sb);
      await createCluster(clients, CLUSTER);
      const service = await createWaitingCodeDeployService(
        sb,
        clients,
        NAME,
        CLUSTER,
        { tagged: true },
      );
      await service.deploy('ccccccc');
      advanceSandbox(sb, 2 * MINUTE);
      const round = DeploymentWatcher.prototype.round;
      roundSpy = jest
        .spyOn(DeploymentWatcher.prototype, 'round')
        .mockImplementation(async function recordedRound(
          this: DeploymentWatcher,
        ) {
          const entry: Round = { replica: this, start: Date.now(), end: NaN };
          rounds.push(entry);
          try {
            await round.call(this);
          } finally {
            entry.end = Date.now();
          }
        });
    });

    afterAll(async () => {
      roundSpy?.mockRestore();
      clients?.destroy();
      await sb?.close();
    });

    it('runs the round on one replica at a time, and on the other when that one stops', async () => {
      const { knex, cache } = await stores.init();
      const start = async () =>
        (
          await startActionBackend(sb, entities, {
            knex,
            cached: true,
            realScheduler: true,
            services: recorders().services,
            rootConfig: { backend: { cache } },
            ecsDeploy: { watch: { movingSeconds: 1, waitingSeconds: 1 } },
          })
        ).backend;
      const replicas: Backend[] = [await start(), await start()];
      const running = new Set(replicas);
      try {
        await request(replicas[0].server)
          .get(api(NAME, '/environments'))
          .expect(200);
        await within(30_000, () => rounds.length >= 4);

        // A global task: one row in the scheduler's table, shared by both.
        expect(
          await knex('backstage_backend_tasks__tasks').where({ id: ROUND }),
        ).toHaveLength(1);
        const overlapping = (xs: Round[]) =>
          xs.some((a, i) =>
            xs
              .slice(i + 1)
              .some(b => b.start < (a.end || Infinity) && a.start < b.end),
          );
        expect(overlapping(rounds)).toBe(false);

        // One replica goes away: the rounds go on, on the other alone.
        const [first, second] = replicas;
        await first.stop();
        running.delete(first);
        const afterStop = rounds.length;
        await within(30_000, () => rounds.length >= afterStop + 3);
        const survivors = new Set(rounds.slice(afterStop).map(r => r.replica));
        expect(survivors.size).toBe(1);
        expect(overlapping(rounds)).toBe(false);
        await second.stop();
        running.delete(second);
      } finally {
        for (const backend of running) await backend.stop();
      }
    });
  },
);

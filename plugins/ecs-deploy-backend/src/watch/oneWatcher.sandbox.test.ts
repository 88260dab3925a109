import { advanceSandbox } from '@ecs-deploy/aws-sandbox';
import request from 'supertest';
import { sharedStores } from '../__testUtils__/sharedStores';
import {
  api,
  Backend,
  startActionBackend,
} from '../actions/__testUtils__/actionBackend';
import { DeploymentWatcher } from './DeploymentWatcher';
import { recorders } from './__testUtils__/recorders';
import {
  WaitingServiceFleet,
  waitingServiceFleet,
} from './__testUtils__/waitingService';

jest.setTimeout(90_000);

const MINUTE = 60_000;
const CLUSTER = 'watched-prod';
const NAME = 'watched-api';
const ROUND = 'ecs-deploy-deployment-watcher';

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
    let fleet: WaitingServiceFleet;
    const rounds: Round[] = [];
    let roundSpy: jest.SpyInstance;

    beforeAll(async () => {
      fleet = await waitingServiceFleet(NAME, CLUSTER);
      await fleet.service.deploy('ccccccc');
      advanceSandbox(fleet.sb, 2 * MINUTE);
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
      await fleet?.close();
    });

    it('runs the round on one replica at a time, and on the other when that one stops', async () => {
      const { knex, cache } = await stores.init();
      const start = async () =>
        (
          await startActionBackend(fleet.sb, fleet.entities, {
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

import { TestDatabases } from '@backstage/backend-test-utils';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  EcsDeploySignal,
  ecsDeploySignalChannel,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  component,
  createCluster,
  serviceArn,
} from '../__testUtils__/sandboxFleet';
import {
  ActionClients,
  actionClients,
  createWaitingCodeDeployService,
  entityRefOf,
} from '../actions/__testUtils__/actionFleet';
import {
  api,
  startActionBackend,
} from '../actions/__testUtils__/actionBackend';
import { recorders } from './__testUtils__/recorders';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const CLUSTER = 'watched-prod';
const NAME = 'payments-api';
const ROUND = 'ecs-deploy-deployment-watcher';
const entities = [
  component(NAME, {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, NAME),
  }),
];

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

describe('the deployment watcher against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let payments: Awaited<ReturnType<typeof createWaitingCodeDeployService>>;
  let knex: Knex;

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
    knex = await databases.init('SQLITE_3');
  });

  afterAll(async () => {
    clients?.destroy();
    await sb?.close();
  });

  /** A replica of the portal's backend on the shared database, recording what it sends. */
  const replica = async () => {
    const sent = recorders();
    const started = await startActionBackend(sb, entities, {
      knex,
      cached: true,
      services: sent.services,
      // every look is due at once: the test says when a round runs
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
  const messages = (signals: Array<{ channel: string; message: unknown }>) =>
    signals
      .filter(s => s.channel === ecsDeploySignalChannel(entityRefOf(NAME)))
      .map(s => s.message as EcsDeploySignal);
  /** The watch row exists once the viewer's read told the database. */
  const watched = async () => {
    for (let i = 0; i < 50; i++) {
      if (await knex('ecs_deploy_watches').first()) return;
      await new Promise(r => setTimeout(r, 20));
    }
    throw new Error('the read did not start a watch');
  };

  it('follows a deployment a viewer saw waiting, signals each change, and tells the owners once across restarts', async () => {
    const id = await payments.deploy('bbbbbbb');
    advanceSandbox(sb, 2 * MINUTE); // at Ready: waits for a person
    const a = await replica();
    try {
      const view = await request(a.backend.server).get(
        api(NAME, '/environments'),
      );
      expect(view.body.environments[0].waitingForAction).toBe(true);
      await watched();

      await a.runTask(ROUND);
      expect(messages(a.signals)).toEqual([
        expect.objectContaining({
          entityRef: entityRefOf(NAME),
          environment: 'prod',
          deploymentId: `codedeploy:${id}`,
          status: 'WAITING',
          waiting: true,
        }),
      ]);
      expect(a.signals[0].recipients).toEqual({ type: 'broadcast' });
      expect(a.notifications).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: ['group:default/team-payments'],
          },
          payload: expect.objectContaining({
            title: 'payments-api waits for you in prod',
            severity: 'high',
            link: `/catalog/default/component/payments-api/deployments?deployment=codedeploy%3A${id}&environment=prod`,
          }),
        },
      ]);

      // nothing changed: no signal, no notification
      await a.runTask(ROUND);
      expect(messages(a.signals)).toHaveLength(1);

      // viewers now read what the watcher keeps fresh, at no AWS cost: the
      // strip and the running tasks of the environment that moves
      sb.callLog.reset();
      await Promise.all(
        Array.from({ length: 20 }, () => [
          request(a.backend.server).get(api(NAME, '/environments')).expect(200),
          request(a.backend.server)
            .get(api(NAME, '/tasks?environment=prod'))
            .expect(200),
        ]).flat(),
      );
      expect(sb.callLog.total()).toBe(0);
    } finally {
      await a.backend.stop();
    }

    // a restart, or the scheduler moving the watcher to another replica
    const b = await replica();
    try {
      await b.runTask(ROUND);
      expect(b.signals).toHaveLength(0);
      expect(b.notifications).toHaveLength(0);

      // the portal continues the deployment: watched at once, moving
      const body = { environment: 'prod', deploymentId: `codedeploy:${id}` };
      await request(b.backend.server)
        .post(api(NAME, '/actions/continue'))
        .set('Idempotency-Key', 'watch-continue-1')
        .send(body)
        .expect(200);
      await b.runTask(ROUND);
      expect(messages(b.signals).at(-1)).toEqual(
        expect.objectContaining({ waiting: false }),
      );

      // rolled back from the portal: the owners hear of it once
      await request(b.backend.server)
        .post(api(NAME, '/actions/rollback'))
        .set('Idempotency-Key', 'watch-rollback-1')
        .send(body)
        .expect(200);
      advanceSandbox(sb, 5 * MINUTE);
      await b.runTask(ROUND);
      await b.runTask(ROUND);
      const rolledBack = b.notifications.filter(n =>
        n.payload.title.includes('rolled back'),
      );
      expect(rolledBack).toHaveLength(1);
      expect(messages(b.signals).at(-1)).toEqual(
        expect.objectContaining({ status: 'SUCCEEDED', waiting: false }),
      );
      // CodeDeploy's rollback deployment finished: nothing moves, the watch ends
      expect(await knex('ecs_deploy_watches').select()).toEqual([]);
    } finally {
      await b.backend.stop();
    }
  });
});

import { ListPipelineExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import request from 'supertest';
import { component } from '../__testUtils__/sandboxFleet';
import {
  ActionClients,
  actionClients,
  createApprovalPipeline,
  createRepository,
  pipelineArn,
  pushImage,
} from './__testUtils__/actionFleet';
import { api, startActionBackend } from './__testUtils__/actionBackend';

jest.setTimeout(60_000);

// PostgreSQL where it runs (these machines, CI); SQLite always.
const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'two backend replicas sharing %s',
  (databaseId: TestDatabaseId) => {
    const name = `replica-${databaseId.toLowerCase().replace(/_/g, '-')}`;
    const other = `${name}-b`;
    let sb: RunningSandbox;
    let clients: ActionClients;

    beforeAll(async () => {
      sb = await startSandbox({ seed: 'none', speed: 0 });
      clients = actionClients(sb);
      await createRepository(clients, name, { tagged: true });
      await pushImage(clients, name, 'a1b2c3d', ['a1b2c3d', 'prod']);
      await createApprovalPipeline(clients, `${name}-prod`, name, 'prod', {
        owner: name,
      });
      await createApprovalPipeline(clients, `${other}-prod`, name, 'prod', {
        owner: other,
      });
    });

    afterAll(async () => {
      clients?.destroy();
      await sb?.close();
    });

    afterEach(() => sb.faults.clear());

    it('performs a request repeated to both of them once', async () => {
      const knex = await databases.init(databaseId);
      const entities = [
        component(name, {
          'ecs-deploy.io/pipeline-arn.prod': pipelineArn(`${name}-prod`),
        }),
      ];
      const a = await startActionBackend(sb, entities, { knex });
      const b = await startActionBackend(sb, entities, { knex });
      try {
        sb.callLog.reset();
        const send = (server: typeof a.backend.server) =>
          request(server)
            .post(api(name, '/actions/start-pipeline'))
            .set('Idempotency-Key', 'replicated-key-1')
            .send({ environment: 'prod' });
        // a client retrying against another replica behind the load balancer
        const [first, second] = await Promise.all([
          send(a.backend.server),
          send(b.backend.server),
        ]);
        expect(first.status).toBe(200);
        expect(second.status).toBe(200);
        expect(second.body).toEqual(first.body);
        expect(sb.callLog.count('codepipeline:StartPipelineExecution')).toBe(1);
        const { pipelineExecutionSummaries } = await clients.codePipeline.send(
          new ListPipelineExecutionsCommand({ pipelineName: `${name}-prod` }),
        );
        expect(pipelineExecutionSummaries).toHaveLength(1);
        // both replicas recorded who acted, the replay included
        const audited = [...a.audits, ...b.audits].filter(
          e => e.outcome === 'success',
        );
        expect(audited.map(e => e.meta?.replay).sort()).toEqual([false, true]);
      } finally {
        await a.backend.stop();
        await b.backend.stop();
      }
    });

    it('lets one of two requests with different keys act when they reach different replicas together', async () => {
      const knex = await databases.init(databaseId);
      const entities = [
        component(other, {
          'ecs-deploy.io/pipeline-arn.prod': pipelineArn(`${other}-prod`),
        }),
      ];
      const a = await startActionBackend(sb, entities, { knex });
      const b = await startActionBackend(sb, entities, { knex });
      try {
        // a slow state check: without the shared lease both would pass it
        sb.faults.set('codepipeline:ListPipelineExecutions', {
          latencyMs: 300,
        });
        sb.callLog.reset();
        const send = (server: typeof a.backend.server, key: string) =>
          request(server)
            .post(api(other, '/actions/start-pipeline'))
            .set('Idempotency-Key', key)
            .send({ environment: 'prod' });
        const answers = await Promise.all([
          send(a.backend.server, 'replica-tab-1'),
          send(b.backend.server, 'replica-tab-2'),
        ]);
        expect(answers.map(r => r.status).sort()).toEqual([200, 409]);
        expect(answers.find(r => r.status === 409)!.body.error.code).toBe(
          'ActionInProgress',
        );
        expect(sb.callLog.count('codepipeline:StartPipelineExecution')).toBe(1);
        const { pipelineExecutionSummaries } = await clients.codePipeline.send(
          new ListPipelineExecutionsCommand({ pipelineName: `${other}-prod` }),
        );
        expect(pipelineExecutionSummaries).toHaveLength(1);
      } finally {
        await a.backend.stop();
        await b.backend.stop();
      }
    });
  },
);

import { GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import {
  ListPipelineExecutionsCommand,
  StopPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  ActionLedgerEntry,
  ActionLedgerResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { ActionLedger } from '../ledger/ActionLedger';
import {
  component,
  createCluster,
  serviceArn,
} from '../__testUtils__/sandboxFleet';
import {
  ActionClients,
  actionClients,
  createApprovalPipeline,
  createRepository,
  createWaitingCodeDeployService,
  pipelineArn,
} from './__testUtils__/actionFleet';
import {
  Backend,
  api,
  startActionBackend,
} from './__testUtils__/actionBackend';

const MINUTE = 60_000;
const CLUSTER = 'orders-prod';
const PIPELINE = 'orders-web-prod';
const RECONCILER = 'ecs-deploy-action-reconciler';

const entities = [
  component('orders-web', {
    'ecs-deploy.io/pipeline-arn.prod': pipelineArn(PIPELINE),
  }),
  component('orders-api', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'orders-api'),
  }),
];

/**
 * Mutations are exclusive and exactly-once: one action at a time per entity
 * and environment, and an outcome AWS left unknown is read back from AWS
 * before anything is tried again.
 */
describe('exclusive, exactly-once actions over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;
  let runTask: (id: string) => Promise<void>;
  let orders: Awaited<ReturnType<typeof createWaitingCodeDeployService>>;

  const post = (name: string, action: string, body: object, key: string) =>
    request(backend.server)
      .post(api(name, `/actions/${action}`))
      .set('Idempotency-Key', key)
      .send(body);
  const ledgerOf = async (name: string): Promise<ActionLedgerEntry[]> =>
    (
      (await request(backend.server).get(api(name, '/ledger')))
        .body as ActionLedgerResponse
    ).items;
  const executions = async () =>
    (
      await clients.codePipeline.send(
        new ListPipelineExecutionsCommand({ pipelineName: PIPELINE }),
      )
    ).pipelineExecutionSummaries ?? [];
  const codeDeployStatus = async (deploymentId: string) =>
    (await clients.codeDeploy.send(new GetDeploymentCommand({ deploymentId })))
      .deploymentInfo!.status;
  /** A new canary of orders-api, waiting at Ready for a person. */
  const readyDeployment = async (commit: string) => {
    const id = await orders.deploy(commit);
    advanceSandbox(sb, 2 * MINUTE);
    expect(await codeDeployStatus(id)).toBe('Ready');
    return id;
  };
  /** Abandons what runs (it waits at the approval), for a quiet pipeline. */
  const finishExecutions = async () => {
    for (const e of await executions()) {
      if (e.status !== 'InProgress') continue;
      await clients.codePipeline.send(
        new StopPipelineExecutionCommand({
          pipelineName: PIPELINE,
          pipelineExecutionId: e.pipelineExecutionId,
          abandon: true,
        }),
      );
    }
    advanceSandbox(sb, MINUTE);
  };

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    await createRepository(clients, 'orders-web', { tagged: true });
    await createApprovalPipeline(clients, PIPELINE, 'orders-web', 'prod', {
      owner: 'orders-web',
    });
    await createCluster(clients, CLUSTER);
    orders = await createWaitingCodeDeployService(
      sb,
      clients,
      'orders-api',
      CLUSTER,
      { tagged: true },
    );
    // a lease of one second, so that a test can outlive it
    ({ backend, runTask } = await startActionBackend(sb, entities, {
      leaseSeconds: 1,
    }));
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  afterEach(() => {
    sb.faults.clear();
    jest.restoreAllMocks();
  });

  it('starts the pipeline once when two people press Start together', async () => {
    // a slow state check: without the lease both requests would pass it
    sb.faults.set('codepipeline:ListPipelineExecutions', { latencyMs: 300 });
    sb.callLog.reset();
    const answers = await Promise.all([
      post(
        'orders-web',
        'start-pipeline',
        { environment: 'prod' },
        'tab-1-key',
      ),
      post(
        'orders-web',
        'start-pipeline',
        { environment: 'prod' },
        'tab-2-key',
      ),
    ]);
    expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find(a => a.status === 409)!;
    expect(refused.body.error.code).toBe('ActionInProgress');
    expect(refused.body.error.message).toMatch(
      /^Another action is in progress on component:default\/orders-web in prod: start-pipeline by user:default\/mock, started \d{4}-\d\d-\d\dT/,
    );
    expect(sb.callLog.count('codepipeline:StartPipelineExecution')).toBe(1);
    expect(await executions()).toHaveLength(1);

    // the lease went with the first action: the next one is not refused by it
    await finishExecutions();
    const next = await post(
      'orders-web',
      'start-pipeline',
      { environment: 'prod' },
      'tab-2-key-b',
    );
    expect(next.status).toBe(200);
    await finishExecutions();
  });

  it('continues a deployment once when two people press Continue together', async () => {
    const id = await readyDeployment('bbbbbbb');
    sb.faults.set('codedeploy:BatchGetDeployments', { latencyMs: 300 });
    sb.callLog.reset();
    const body = { environment: 'prod', deploymentId: `codedeploy:${id}` };
    const answers = await Promise.all([
      post('orders-api', 'continue', body, 'continue-tab-1'),
      post('orders-api', 'continue', body, 'continue-tab-2'),
    ]);
    expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
    expect(answers.find(a => a.status === 409)!.body.error.code).toBe(
      'ActionInProgress',
    );
    expect(sb.callLog.count('codedeploy:ContinueDeployment')).toBe(1);
    advanceSandbox(sb, 60 * MINUTE);
  });

  it('answers OutcomeUnknown when the answer to a start is lost, and the retry with the same key returns the execution it started', async () => {
    // StartPipelineExecution runs, then the connection drops unanswered
    sb.faults.set('codepipeline:StartPipelineExecution', {
      dropResponseRate: 1,
    });
    const before = (await executions()).length;
    const body = { environment: 'prod' };

    const lost = await post('orders-web', 'start-pipeline', body, 'lost-key-1');
    expect(lost.status).toBe(503);
    expect(lost.body.error.code).toBe('OutcomeUnknown');
    expect(lost.body.error.message).toContain('same Idempotency-Key');
    expect((await ledgerOf('orders-web'))[0]).toMatchObject({
      action: 'start-pipeline',
      status: 'unknown',
    });
    const started = await executions();
    expect(started).toHaveLength(before + 1);

    sb.faults.clear();
    const retry = await post(
      'orders-web',
      'start-pipeline',
      body,
      'lost-key-1',
    );
    expect(retry.status).toBe(200);
    expect(retry.body.ledgerEntry).toMatchObject({
      status: 'succeeded',
      deploymentId: `pipeline:${started[0].pipelineExecutionId}`,
    });
    // AWS recognised the request token: nothing new started
    expect(await executions()).toHaveLength(before + 1);

    // settled: another person may act again
    await finishExecutions();
    expect(
      (await post('orders-web', 'start-pipeline', body, 'lost-key-2')).status,
    ).toBe(200);
    await finishExecutions();
  });

  it('settles an action whose process died before recording it: the reconciler reads AWS after the lease, the key then replays', async () => {
    const id = await readyDeployment('ccccccc');
    const body = { environment: 'prod', deploymentId: `codedeploy:${id}` };
    // ContinueDeployment succeeds; the ledger write after it does not
    jest
      .spyOn(ActionLedger.prototype, 'succeed')
      .mockRejectedValueOnce(new Error('the process died'));
    sb.callLog.reset();

    const crashed = await post('orders-api', 'continue', body, 'crash-key-1');
    expect(crashed.status).toBe(500);
    expect(sb.callLog.count('codedeploy:ContinueDeployment')).toBe(1);
    expect((await ledgerOf('orders-api'))[0]).toMatchObject({
      action: 'continue',
      status: 'pending',
    });
    // a pending entry is the reconciler's once it has outlived the lease
    await new Promise(resolve => setTimeout(resolve, 1_100));
    await runTask(RECONCILER);
    expect((await ledgerOf('orders-api'))[0]).toMatchObject({
      action: 'continue',
      status: 'succeeded',
    });

    const retry = await post('orders-api', 'continue', body, 'crash-key-1');
    expect(retry.status).toBe(200);
    expect(retry.body.message).toContain('traffic is shifting');
    expect(sb.callLog.count('codedeploy:ContinueDeployment')).toBe(1);
    advanceSandbox(sb, 60 * MINUTE);
  });

  it('fails an unknown outcome that AWS never saw, releasing its key for a retry that acts', async () => {
    const id = await readyDeployment('ddddddd');
    const body = { environment: 'prod', deploymentId: `codedeploy:${id}` };
    // the connection drops before CodeDeploy runs the call: a timeout to us
    sb.faults.set('codedeploy:ContinueDeployment', { dropRate: 1 });
    const lost = await post('orders-api', 'continue', body, 'never-key-1');
    expect(lost.status).toBe(503);
    expect(lost.body.error.code).toBe('OutcomeUnknown');
    sb.faults.clear();

    await runTask(RECONCILER);
    expect((await ledgerOf('orders-api'))[0]).toMatchObject({
      action: 'continue',
      status: 'failed',
      errorMessage: expect.stringContaining('did not happen'),
    });
    expect(await codeDeployStatus(id)).toBe('Ready');

    sb.callLog.reset();
    const retry = await post('orders-api', 'continue', body, 'never-key-1');
    expect(retry.status).toBe(200);
    expect(sb.callLog.count('codedeploy:ContinueDeployment')).toBe(1);
    expect(await codeDeployStatus(id)).toBe('InProgress');
    advanceSandbox(sb, 60 * MINUTE);
  });

  it('keeps a throttled start a failure whose key can be retried', async () => {
    sb.faults.set('codepipeline:StartPipelineExecution', { throttleRate: 1 });
    const body = { environment: 'prod' };
    const throttled = await post(
      'orders-web',
      'start-pipeline',
      body,
      'throttle-key-1',
    );
    expect(throttled.status).toBe(503);
    expect(throttled.body.error.code).toBe('ThrottlingException');
    expect((await ledgerOf('orders-web'))[0].status).toBe('failed');

    sb.faults.clear();
    const retry = await post(
      'orders-web',
      'start-pipeline',
      body,
      'throttle-key-1',
    );
    expect(retry.status).toBe(200);
    await finishExecutions();
  });
});

import {
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  PutApprovalResultCommand,
} from '@aws-sdk/client-codepipeline';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  EcsDeployActionResponse,
  HistoryResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
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
import {
  Backend,
  api,
  startActionBackend,
} from './__testUtils__/actionBackend';

const PIPELINE = 'checkout-web-prod';

const entities = [
  component('checkout-web', {
    'ecs-deploy.io/pipeline-arn.prod': pipelineArn(PIPELINE),
  }),
  component('checkout-api', {
    'ecs-deploy.io/pipeline-arn.prod': pipelineArn('checkout-api-prod'),
  }),
];

describe('pipeline actions over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;

  const post = (action: string, body: object, key: string) =>
    request(backend.server)
      .post(api('checkout-web', `/actions/${action}`))
      .set('Idempotency-Key', key)
      .send(body);
  const state = () =>
    clients.codePipeline.send(new GetPipelineStateCommand({ name: PIPELINE }));
  const approvalState = async () =>
    (await state()).stageStates!.find(s => s.stageName === 'Approve')!;
  const execution = async (pipelineExecutionId: string) =>
    (
      await clients.codePipeline.send(
        new GetPipelineExecutionCommand({
          pipelineName: PIPELINE,
          pipelineExecutionId,
        }),
      )
    ).pipelineExecution!;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    await createRepository(clients, 'checkout-web', { tagged: true });
    await createApprovalPipeline(clients, PIPELINE, 'checkout-web', 'prod', {
      owner: 'checkout-web',
    });
    await createRepository(clients, 'checkout-api', { tagged: true });
    await createApprovalPipeline(
      clients,
      'checkout-api-prod',
      'checkout-api',
      'prod',
      { owner: 'checkout-api' },
    );
    ({ backend } = await startActionBackend(sb, entities));
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('approves the waiting approval once per key, naming the user and comment, and the pipeline proceeds', async () => {
    await pushImage(clients, 'checkout-web', 'a1b2c3d', ['a1b2c3d', 'prod']);
    advanceSandbox(sb, 10_000);
    const waiting = await approvalState();
    const executionId = waiting.latestExecution!.pipelineExecutionId!;
    expect(waiting.actionStates![0].latestExecution?.token).toBeDefined();
    sb.callLog.reset();

    const body = {
      environment: 'prod',
      pipelineExecutionId: executionId,
      decision: 'Approved',
      comment: 'ship it',
    };
    const first = await post('approve', body, 'approve-key-1');
    expect(first.status).toBe(200);
    expect((first.body as EcsDeployActionResponse).ledgerEntry).toMatchObject({
      action: 'approve',
      decision: 'Approved',
      comment: 'ship it',
      actor: 'user:default/mock',
      deploymentId: `pipeline:${executionId}`,
      awsResource: pipelineArn(PIPELINE),
    });
    const retry = await post('approve', body, 'approve-key-1');
    expect(retry.body).toEqual(first.body);
    expect(sb.callLog.count('codepipeline:PutApprovalResult')).toBe(1);

    // CodePipeline records who decided in Backstage, not only the backend's role
    expect(
      (await approvalState()).actionStates![0].latestExecution?.summary,
    ).toBe('Approved by user:default/mock in Backstage: ship it');
    advanceSandbox(sb, 10_000);
    expect((await execution(executionId)).status).toBe('Succeeded');

    // the timeline names who approved, from the ledger
    const history = await request(backend.server)
      .get(api('checkout-web', '/history'))
      .query({ environment: 'prod' });
    expect(history.status).toBe(200);
    const entry = (history.body as HistoryResponse).items.find(
      i => i.id === `pipeline:${executionId}`,
    );
    expect(entry?.portalActions).toEqual([
      expect.objectContaining({
        action: 'approve',
        actor: 'user:default/mock',
        decision: 'Approved',
        comment: 'ship it',
        status: 'succeeded',
      }),
    ]);

    const decided = await post('approve', body, 'approve-key-2');
    expect(decided.status).toBe(409);
    expect(decided.body.error.message).toMatch(
      /No approval is waiting in pipeline checkout-web-prod.*Approve Succeeded/,
    );
    expect(sb.callLog.count('codepipeline:PutApprovalResult')).toBe(1);
  });

  it('starts the pipeline once per key, and refuses while it runs', async () => {
    sb.callLog.reset();
    const first = await post(
      'start-pipeline',
      { environment: 'prod' },
      'start-key-1',
    );
    expect(first.status).toBe(200);
    const started = first.body.ledgerEntry.deploymentId as string;
    expect(started).toMatch(/^pipeline:/);
    const retry = await post(
      'start-pipeline',
      { environment: 'prod' },
      'start-key-1',
    );
    expect(retry.body).toEqual(first.body);
    expect(sb.callLog.count('codepipeline:StartPipelineExecution')).toBe(1);
    const { pipelineExecutionSummaries } = await clients.codePipeline.send(
      new ListPipelineExecutionsCommand({ pipelineName: PIPELINE }),
    );
    expect(pipelineExecutionSummaries![0]).toMatchObject({
      pipelineExecutionId: started.slice('pipeline:'.length),
      status: 'InProgress',
    });

    const running = await post(
      'start-pipeline',
      { environment: 'prod' },
      'start-key-2',
    );
    expect(running.status).toBe(409);
    expect(running.body.error.message).toContain(
      `Pipeline ${PIPELINE} is already running: execution ${started.slice(
        'pipeline:'.length,
      )} is InProgress`,
    );
    expect(sb.callLog.count('codepipeline:StartPipelineExecution')).toBe(1);
  });

  it('retries a stage failed by a rejection once per key, and refuses one that did not fail', async () => {
    advanceSandbox(sb, 10_000);
    const executionId = (await approvalState()).latestExecution!
      .pipelineExecutionId!;
    const reject = await post(
      'approve',
      {
        environment: 'prod',
        pipelineExecutionId: executionId,
        decision: 'Rejected',
        comment: 'not today',
      },
      'reject-key-1',
    );
    expect(reject.status).toBe(200);
    expect(reject.body.message).toContain('Rejected');
    expect((await approvalState()).latestExecution?.status).toBe('Failed');
    sb.callLog.reset();

    const body = {
      environment: 'prod',
      stageName: 'Approve',
      pipelineExecutionId: executionId,
    };
    const first = await post('retry-stage', body, 'retry-key-1');
    expect(first.status).toBe(200);
    const retry = await post('retry-stage', body, 'retry-key-1');
    expect(retry.body).toEqual(first.body);
    expect(sb.callLog.count('codepipeline:RetryStageExecution')).toBe(1);
    advanceSandbox(sb, 5_000);
    const again = await approvalState();
    expect(again.latestExecution).toMatchObject({
      pipelineExecutionId: executionId,
      status: 'InProgress',
    });

    const notFailed = await post('retry-stage', body, 'retry-key-2');
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.error.message).toContain(
      `Stage Approve of execution ${executionId} is InProgress, not Failed`,
    );
    const unknownStage = await post(
      'retry-stage',
      { ...body, stageName: 'Deploy' },
      'retry-key-3',
    );
    expect(unknownStage.status).toBe(400);
    expect(unknownStage.body.error.message).toMatch(/^stageName: /);
    expect(sb.callLog.count('codepipeline:RetryStageExecution')).toBe(1);
  });

  it('refuses an approval of an execution that no longer waits when another one does, deciding nothing', async () => {
    const pipelineName = 'checkout-api-prod';
    const waitingApproval = async () =>
      (
        await clients.codePipeline.send(
          new GetPipelineStateCommand({ name: pipelineName }),
        )
      ).stageStates!.find(s => s.stageName === 'Approve')!;
    // the user looks at execution A, waiting at the approval...
    await pushImage(clients, 'checkout-api', 'a1a1a1a', ['a1a1a1a', 'prod']);
    advanceSandbox(sb, 10_000);
    const seen = await waitingApproval();
    const reviewed = seen.latestExecution!.pipelineExecutionId!;
    // ...meanwhile someone rejects A in the console and B arrives and waits
    await clients.codePipeline.send(
      new PutApprovalResultCommand({
        pipelineName,
        stageName: 'Approve',
        actionName: 'ManualApproval',
        token: seen.actionStates![0].latestExecution!.token!,
        result: { status: 'Rejected', summary: 'not this one' },
      }),
    );
    await pushImage(clients, 'checkout-api', 'b2b2b2b', ['b2b2b2b', 'prod']);
    advanceSandbox(sb, 10_000);
    const now = (await waitingApproval()).latestExecution!;
    expect(now.status).toBe('InProgress');
    expect(now.pipelineExecutionId).not.toBe(reviewed);
    sb.callLog.reset();

    const res = await request(backend.server)
      .post(api('checkout-api', '/actions/approve'))
      .set('Idempotency-Key', 'stale-approve-1')
      .send({
        environment: 'prod',
        pipelineExecutionId: reviewed,
        decision: 'Approved',
      });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('StaleApproval');
    expect(res.body.error.message).toBe(
      `The approval waiting in pipeline ${pipelineName} belongs to execution ${now.pipelineExecutionId}, not ${reviewed}; look at the new execution before deciding`,
    );
    expect(sb.callLog.count('codepipeline:PutApprovalResult')).toBe(0);
    expect((await waitingApproval()).latestExecution?.status).toBe(
      'InProgress',
    );

    // the environments overview names the execution that waits now
    const overview = await request(backend.server).get(
      api('checkout-api', '/environments'),
    );
    expect(overview.body.environments[0].pipeline).toEqual({
      name: pipelineName,
      waitingExecutionId: now.pipelineExecutionId,
    });
  });
});

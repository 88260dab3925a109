import { GetPipelineStateCommand } from '@aws-sdk/client-codepipeline';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  ActionOffer,
  EnvironmentOverview,
  HistoryResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { component } from '../../__testUtils__/sandboxFleet';
import {
  Backend,
  api,
  startActionBackend,
} from '../../actions/__testUtils__/actionBackend';
import {
  ActionClients,
  actionClients,
  createApprovalPipeline,
  createRepository,
  pipelineArn,
  pushImage,
} from '../../actions/__testUtils__/actionFleet';

const PIPELINE = 'checkout-web-prod';

describe('pipeline offers over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;

  const overview = async (): Promise<EnvironmentOverview> => {
    const res = await request(backend.server).get(
      api('checkout-web', '/environments'),
    );
    expect(res.status).toBe(200);
    return res.body.environments[0];
  };
  const rowOffers = async (executionId: string): Promise<ActionOffer[]> => {
    const res = await request(backend.server)
      .get(api('checkout-web', '/history'))
      .query({ environment: 'prod' });
    return (res.body as HistoryResponse).items.find(
      i => i.id === `pipeline:${executionId}`,
    )!.offers!;
  };
  const offer = (offers: ActionOffer[], action: string) =>
    offers.find(o => o.action === action)!;
  const act = (action: string, body: object, key: string) =>
    request(backend.server)
      .post(api('checkout-web', `/actions/${action}`))
      .set('Idempotency-Key', key)
      .send({ environment: 'prod', ...body });
  const approvalStage = async () =>
    (
      await clients.codePipeline.send(
        new GetPipelineStateCommand({ name: PIPELINE }),
      )
    ).stageStates!.find(s => s.stageName === 'Approve')!;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    await createRepository(clients, 'checkout-web', { tagged: true });
    await createApprovalPipeline(clients, PIPELINE, 'checkout-web', 'prod', {
      owner: 'checkout-web',
    });
    ({ backend } = await startActionBackend(sb, [
      component('checkout-web', {
        'ecs-deploy.io/pipeline-arn.prod': pipelineArn(PIPELINE),
      }),
    ]));
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('offers approving the waiting execution, and starting only once nothing runs', async () => {
    await pushImage(clients, 'checkout-web', 'a1b2c3d', ['a1b2c3d', 'prod']);
    advanceSandbox(sb, 10_000);
    const executionId = (await approvalStage()).latestExecution!
      .pipelineExecutionId!;

    const env = await overview();
    expect(env.offers).toEqual([
      { action: 'approve', request: { pipelineExecutionId: executionId } },
      {
        action: 'start-pipeline',
        unavailableReason: `Pipeline ${PIPELINE} is already running: execution ${executionId} is InProgress`,
      },
      {
        action: 'retry-stage',
        unavailableReason: `The latest execution of pipeline ${PIPELINE} did not fail`,
      },
    ]);
    expect(await rowOffers(executionId)).toEqual([
      { action: 'approve', request: { pipelineExecutionId: executionId } },
    ]);

    const start = await act('start-pipeline', {}, 'offer-start-1');
    expect(start.status).toBe(409);
    expect(start.body.error.message).toBe(
      offer(env.offers, 'start-pipeline').unavailableReason,
    );
    const approve = await act(
      'approve',
      { ...offer(env.offers, 'approve').request, decision: 'Approved' },
      'offer-approve-1',
    );
    expect(approve.status).toBe(200);

    advanceSandbox(sb, 10_000);
    const idle = await overview();
    expect(offer(idle.offers, 'approve').unavailableReason).toBe(
      `No approval is waiting in pipeline ${PIPELINE}`,
    );
    expect(offer(idle.offers, 'start-pipeline').unavailableReason).toBe(
      undefined,
    );
    const decided = await act(
      'approve',
      { pipelineExecutionId: executionId, decision: 'Approved' },
      'offer-approve-2',
    );
    expect(decided.status).toBe(409);
    expect(decided.body.error.message).toContain(
      offer(idle.offers, 'approve').unavailableReason,
    );
  });

  it('offers retrying the stage a rejection failed, until it runs again', async () => {
    await pushImage(clients, 'checkout-web', 'b2c3d4e', ['b2c3d4e', 'prod']);
    advanceSandbox(sb, 10_000);
    const executionId = (await approvalStage()).latestExecution!
      .pipelineExecutionId!;
    expect(
      (
        await act(
          'approve',
          {
            pipelineExecutionId: executionId,
            decision: 'Rejected',
            comment: 'not today',
          },
          'offer-reject-1',
        )
      ).status,
    ).toBe(200);
    advanceSandbox(sb, 5_000);

    const retry = {
      action: 'retry-stage',
      request: { pipelineExecutionId: executionId, stageName: 'Approve' },
    };
    expect(await rowOffers(executionId)).toEqual([retry]);
    expect(offer((await overview()).offers, 'retry-stage')).toEqual(retry);
    expect(
      (await act('retry-stage', retry.request, 'offer-retry-1')).status,
    ).toBe(200);

    advanceSandbox(sb, 5_000);
    const running = await overview();
    const again = offer(running.offers, 'retry-stage');
    expect(again.unavailableReason).toBe(
      `The latest execution of pipeline ${PIPELINE} did not fail`,
    );
    const refused = await act('retry-stage', retry.request, 'offer-retry-2');
    expect(refused.status).toBe(409);
  });
});

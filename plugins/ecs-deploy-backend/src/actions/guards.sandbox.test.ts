import { ListPipelineExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ActionLedgerResponse,
  ECS_DEPLOY_ACTION_PERMISSIONS,
  EcsDeployActionName,
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
  repositoryArn,
} from './__testUtils__/actionFleet';
import {
  Backend,
  RecordedAudit,
  api,
  startActionBackend,
} from './__testUtils__/actionBackend';
import { validBodies } from './__testUtils__/validBodies';

const entities = [
  component('checkout-web', {
    'ecs-deploy.io/environments': 'staging,prod',
    'ecs-deploy.io/ecr-repository-arn': repositoryArn('checkout-web'),
    'ecs-deploy.io/pipeline-arn.staging': pipelineArn('checkout-web-staging'),
    'ecs-deploy.io/pipeline-arn.prod': pipelineArn('checkout-web-prod'),
  }),
  // its pipeline carries no owner tag
  component('untagged-api', {
    'ecs-deploy.io/pipeline-arn.prod': pipelineArn('untagged-api-prod'),
  }),
  // annotates a pipeline that is tagged for checkout-web
  component('impostor', {
    'ecs-deploy.io/pipeline-arn.prod': pipelineArn('checkout-web-prod'),
  }),
];

describe('guards of the promotion endpoints', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let allowed: Backend;
  let denied: Backend;
  let deniedAudits: RecordedAudit[];
  let audits: RecordedAudit[];

  const post = (
    backend: Backend,
    name: string,
    action: string,
    body: object,
    key = `key-${Math.random().toString(36).slice(2)}`,
  ) =>
    request(backend.server)
      .post(api(name, `/actions/${action}`))
      .set('Idempotency-Key', key)
      .send(body);

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    await createRepository(clients, 'checkout-web', { tagged: true });
    await pushImage(clients, 'checkout-web', 'a1b2c3d', ['a1b2c3d']);
    await createApprovalPipeline(
      clients,
      'checkout-web-prod',
      'checkout-web',
      'prod',
      {
        owner: 'checkout-web',
      },
    );
    await createApprovalPipeline(
      clients,
      'untagged-api-prod',
      'untagged-api',
      'prod',
      {},
    );
    ({ backend: allowed, audits } = await startActionBackend(sb, entities));
    ({ backend: denied, audits: deniedAudits } = await startActionBackend(
      sb,
      entities,
      { permissions: AuthorizeResult.DENY },
    ));
  });

  afterAll(async () => {
    await allowed?.stop();
    await denied?.stop();
    clients?.destroy();
    await sb?.close();
  });

  beforeEach(() => sb.callLog.reset());

  it.each(Object.keys(validBodies) as EcsDeployActionName[])(
    'denies %s without a single AWS call',
    async action => {
      const res = await post(
        denied,
        'checkout-web',
        action,
        validBodies[action],
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        `Not allowed to ${ECS_DEPLOY_ACTION_PERMISSIONS[action].name} on component:default/checkout-web`,
      );
      expect(sb.callLog.total()).toBe(0);
      expect(deniedAudits[deniedAudits.length - 1]).toMatchObject({
        eventId: 'ecs-deployment-action',
        outcome: 'fail',
        meta: { action, entityRef: 'component:default/checkout-web' },
      });
    },
  );

  it('denies reading the ledger and the promotion preview without the read permission', async () => {
    const ledger = await request(denied.server).get(
      api('checkout-web', '/ledger'),
    );
    expect(ledger.status).toBe(403);
    const preview = await request(denied.server)
      .get(api('checkout-web', '/promotion-preview'))
      .query({ from: 'staging', to: 'prod' });
    expect(preview.status).toBe(403);
    expect(sb.callLog.total()).toBe(0);
  });

  it.each([
    [
      'an unknown environment',
      'continue',
      { ...validBodies.continue, environment: 'qa' },
      undefined,
      /environment: 'qa' is not an environment of component:default\/checkout-web \(staging, prod\)/,
    ],
    ['a missing environment', 'start-pipeline', {}, undefined, /environment: /],
    [
      'a rejection without a comment',
      'approve',
      { ...validBodies.approve, decision: 'Rejected' },
      undefined,
      /comment: required when rejecting/,
    ],
    [
      'an unknown decision',
      'approve',
      { ...validBodies.approve, decision: 'Maybe' },
      undefined,
      /decision: /,
    ],
    [
      'a malformed idempotency key',
      'start-pipeline',
      validBodies['start-pipeline'],
      'not a key!',
      /Idempotency-Key: must match pattern/,
    ],
    [
      'a malformed image digest',
      'promote',
      { ...validBodies.promote, imageDigest: 'latest' },
      undefined,
      /imageDigest: must match pattern/,
    ],
    [
      'an unknown source environment',
      'promote',
      { ...validBodies.promote, from: 'qa' },
      undefined,
      /from: 'qa' is not an environment/,
    ],
    [
      'a promotion to itself',
      'promote',
      { ...validBodies.promote, from: 'prod' },
      undefined,
      /from: must differ from environment/,
    ],
    [
      'a pipeline id where a deployment is expected',
      'continue',
      { environment: 'prod', deploymentId: 'pipeline:abc' },
      undefined,
      /deploymentId: must be a deployment id from the history/,
    ],
  ] as const)(
    'answers 400 to %s, before any AWS call',
    async (_, action, body, key, message) => {
      const res = await post(allowed, 'checkout-web', action, body, key);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
      expect(sb.callLog.total()).toBe(0);
    },
  );

  it('answers 404 to an unknown action (no such endpoint), before any AWS call', async () => {
    const res = await post(allowed, 'checkout-web', 'deploy-everything', {
      environment: 'prod',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NotFound');
    expect(sb.callLog.total()).toBe(0);
  });

  it('refuses (403) to act on a resource without the entity tag, changing nothing', async () => {
    const res = await post(
      allowed,
      'untagged-api',
      'start-pipeline',
      { environment: 'prod' },
      'untagged-key-1',
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      name: 'NotAllowedError',
      code: 'NotTaggedForEntity',
      message: `${pipelineArn(
        'untagged-api-prod',
      )} is not tagged backstage.io/entity=component:default/untagged-api; the backend changes only AWS resources tagged with the entity they belong to`,
    });
    expect(sb.callLog.count('tagging:GetResources')).toBe(1);
    // the refusal comes before the state check, and before any mutation
    expect(sb.callLog.total()).toBe(1);
    expect(
      (
        await clients.codePipeline.send(
          new ListPipelineExecutionsCommand({
            pipelineName: 'untagged-api-prod',
          }),
        )
      ).pipelineExecutionSummaries,
    ).toEqual([]);
    expect(audits[audits.length - 1]).toMatchObject({ outcome: 'fail' });

    // a retry with the same key gets the same refusal, without asking AWS again
    const retry = await post(
      allowed,
      'untagged-api',
      'start-pipeline',
      { environment: 'prod' },
      'untagged-key-1',
    );
    expect(retry.status).toBe(403);
    expect(retry.body.error).toEqual(res.body.error);
    expect(sb.callLog.count('tagging:GetResources')).toBe(1);
    expect(sb.callLog.count('codepipeline:StartPipelineExecution')).toBe(0);
  });

  it('refuses (403) an entity that annotates another entity’s resource', async () => {
    for (const action of ['approve', 'start-pipeline'] as const) {
      const res = await post(allowed, 'impostor', action, validBodies[action]);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'is not tagged backstage.io/entity=component:default/impostor',
      );
      // whose it is stays unsaid
      expect(res.body.error.message).not.toContain(
        'component:default/checkout-web',
      );
    }
    expect(sb.callLog.count('codepipeline:*')).toBe(0);
  });

  it('lists the ledger newest first, page by page, including refusals', async () => {
    const ledgerOf = (name: string, query: Record<string, string> = {}) =>
      request(allowed.server).get(api(name, '/ledger')).query(query);
    const started = await post(allowed, 'checkout-web', 'start-pipeline', {
      environment: 'prod',
    });
    expect(started.status).toBe(200);
    await post(allowed, 'untagged-api', 'start-pipeline', {
      environment: 'prod',
    });

    const all = (await ledgerOf('untagged-api')).body as ActionLedgerResponse;
    expect(all.items).toHaveLength(2);
    expect(all.items[0]).toMatchObject({
      action: 'start-pipeline',
      environment: 'prod',
      status: 'failed',
      actor: 'user:default/mock',
      awsResource: pipelineArn('untagged-api-prod'),
      errorMessage: expect.stringContaining('is not tagged'),
    });

    const first = (await ledgerOf('untagged-api', { limit: '1' })).body;
    expect(first.items.map((e: any) => e.id)).toEqual([all.items[0].id]);
    const second = (
      await ledgerOf('untagged-api', { limit: '1', cursor: first.nextCursor })
    ).body;
    expect(second.items.map((e: any) => e.id)).toEqual([all.items[1].id]);
    expect(second.nextCursor).toBeUndefined();

    const checkout = (await ledgerOf('checkout-web', { environment: 'prod' }))
      .body as ActionLedgerResponse;
    expect(checkout.items[0]).toMatchObject({
      action: 'start-pipeline',
      status: 'succeeded',
      deploymentId: started.body.ledgerEntry.deploymentId,
    });
    expect(
      (await ledgerOf('checkout-web', { environment: 'staging' })).body.items,
    ).toEqual([]);
    const bad = await ledgerOf('checkout-web', { cursor: 'nonsense' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/cursor: /);
  });
});

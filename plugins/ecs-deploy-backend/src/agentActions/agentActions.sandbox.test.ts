import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { ActionsService } from '@backstage/backend-plugin-api/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import {
  EcsDeployActionResponse,
  HistoryResponse,
  PromotionPreview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import {
  ActionClients,
  actionClients,
  repositoryArn,
} from '../actions/__testUtils__/actionFleet';
import {
  GUEST,
  agentEntities,
  agentTeams,
  createAgentFleet,
} from './__testUtils__/agentFleet';
import { RecordedAudit, startAgentBackend } from './__testUtils__/agentBackend';

// Over HTTP against a sandbox on a shared CI machine: allow slow runs.
jest.setTimeout(60_000);

// The time each environment was read at differs between two reads.
const unstamped = (body: unknown) =>
  JSON.parse(
    JSON.stringify(body, (key, value) =>
      key === 'observedAt' ? 'read-at' : value,
    ),
  );

/** The error the registry answered, as its HTTP client rebuilds it. */
async function refusal(invocation: Promise<unknown>) {
  const error = await invocation.then(
    () => {
      throw new Error('the invocation was not refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResponseError);
  return (error as ResponseError).cause;
}

describe('ECS Deploy actions through the actions registry, against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Awaited<ReturnType<typeof startAgentBackend>>['backend'];
  let actions: ActionsService;
  let audits: RecordedAudit[];
  const digests: Record<string, string> = {};

  const asGuest = (id: string, input: JsonObject) =>
    actions.invoke({
      id: `ecs-deploy:${id}`,
      input,
      credentials: mockCredentials.user(GUEST),
    });
  const http = (name: string, path: string) =>
    request(backend.server)
      .get(`/api/ecs-deploy/entities/component/default/${name}${path}`)
      .set('Authorization', mockCredentials.user.header(GUEST));

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    Object.assign(digests, await createAgentFleet(clients));
    ({ backend, actions, audits } = await startAgentBackend(sb, agentEntities, {
      teams: agentTeams,
    }));
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('lists the reads and one action per promotion endpoint, with their attributes and the spec’s fields', async () => {
    const { actions: listed } = await actions.list({
      credentials: mockCredentials.user(GUEST),
    });
    const byId = new Map(listed.map(a => [a.id, a]));
    expect([...byId.keys()].sort()).toEqual(
      [
        'get-environments',
        'get-history',
        'get-deployment',
        'get-traffic',
        'get-running-tasks',
        'get-promotion-preview',
        'continue',
        'finish-early',
        'rollback',
        'approve',
        'start-pipeline',
        'retry-stage',
        'promote',
        'start-release',
        'shift-traffic',
        'promote-release',
        'abort-release',
      ]
        .map(name => `ecs-deploy:${name}`)
        .sort(),
    );
    expect(byId.get('ecs-deploy:get-history')!.attributes).toEqual({
      readOnly: true,
      destructive: false,
      idempotent: true,
    });
    const promote = byId.get('ecs-deploy:promote')!;
    expect(promote.attributes).toEqual({
      readOnly: false,
      destructive: true,
      idempotent: true,
    });
    expect(byId.get('ecs-deploy:start-release')!.attributes.destructive).toBe(
      false,
    );
    expect(promote.title).toBe('ECS Deploy: Promote image');
    expect(promote.schema.input).toMatchObject({
      type: 'object',
      required: expect.arrayContaining([
        'entityRef',
        'environment',
        'from',
        'imageDigest',
        'idempotencyKey',
      ]),
      properties: {
        imageDigest: { type: 'string', pattern: '^sha256:[a-f0-9]{64}$' },
        idempotencyKey: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
      },
    });
    expect(promote.schema.output).toMatchObject({
      required: expect.arrayContaining(['message', 'ledgerEntry', 'replay']),
    });
  });

  it.each([
    ['get-environments', '/environments', {}],
    ['get-history', '/history', { environment: 'dev', limit: 5 }],
    ['get-traffic', '/traffic', {}],
    ['get-running-tasks', '/tasks', { environment: 'dev' }],
    [
      'get-promotion-preview',
      '/promotion-preview',
      { from: 'dev', to: 'staging' },
    ],
  ])(
    '%s answers what the HTTP route answers, as the spec types it',
    async (id, path, query) => {
      const { output } = await asGuest(id, {
        entityRef: 'component:default/shop',
        ...query,
      });
      const res = await http('shop', path).query(query);
      expect(res.status).toBe(200);
      expect(unstamped(output)).toEqual(unstamped(res.body));
    },
  );

  it('get-deployment answers one history entry in detail', async () => {
    const { output } = await asGuest('get-history', {
      entityRef: 'component:default/shop',
      environment: 'dev',
    });
    const [entry] = (output as unknown as HistoryResponse).items;
    const detail = await asGuest('get-deployment', {
      entityRef: 'component:default/shop',
      environment: 'dev',
      deploymentId: entry.id,
    });
    const res = await http('shop', `/deployments/${entry.id}`).query({
      environment: 'dev',
    });
    expect(res.status).toBe(200);
    expect(detail.output).toEqual(res.body);
    expect(res.body.deployment.id).toBe(entry.id);
  });

  it('refuses input the spec refuses, before any AWS call', async () => {
    sb.callLog.reset();
    const cause = await refusal(
      asGuest('promote', {
        entityRef: 'component:default/shop',
        environment: 'staging',
        from: 'dev',
        imageDigest: 'latest',
      }),
    );
    expect(cause.name).toBe('InputError');
    expect(sb.callLog.total()).toBe(0);
  });

  it('refuses to promote another team’s entity: NotAllowed, audited, no AWS call', async () => {
    const { output } = await asGuest('get-promotion-preview', {
      entityRef: 'component:default/vault',
      from: 'dev',
      to: 'staging',
    });
    expect((output as unknown as PromotionPreview).image.digest).toBe(
      digests.vault,
    );
    sb.callLog.reset();
    audits.length = 0;

    const cause = await refusal(
      asGuest('promote', {
        entityRef: 'component:default/vault',
        environment: 'staging',
        from: 'dev',
        imageDigest: digests.vault,
        idempotencyKey: 'agent-promote-vault-1',
      }),
    );
    expect(cause.name).toBe('NotAllowedError');
    expect(cause.message).toBe(
      'Not allowed to ecs-deploy.image.promote on component:default/vault',
    );
    expect(sb.callLog.total()).toBe(0);
    expect(audits).toEqual([
      expect.objectContaining({
        eventId: 'ecs-deployment-action',
        outcome: 'fail',
        meta: {
          action: 'promote',
          entityRef: 'component:default/vault',
          actor: GUEST,
          via: 'actions-registry',
        },
      }),
    ]);
    const ledger = await http('vault', '/ledger');
    expect(ledger.body.items).toEqual([]);
  });

  it('refuses a promotion by a service, which no ledger row could name', async () => {
    sb.callLog.reset();
    const cause = await refusal(
      actions.invoke({
        id: 'ecs-deploy:promote',
        input: {
          entityRef: 'component:default/shop',
          environment: 'staging',
          from: 'dev',
          imageDigest: digests.shop,
          idempotencyKey: 'agent-promote-service-1',
        },
        credentials: mockCredentials.service('plugin:some-agent'),
      }),
    );
    expect(cause.name).toBe('NotAllowedError');
    expect(sb.callLog.count('ecr:PutImage')).toBe(0);
  });

  it('promotes the guest’s own entity once when invoked twice with the same key', async () => {
    const { output: preview } = await asGuest('get-promotion-preview', {
      entityRef: 'component:default/shop',
      from: 'dev',
      to: 'staging',
    });
    const digest = (preview as unknown as PromotionPreview).image.digest;
    expect(digest).toBe(digests.shop);
    sb.callLog.reset();
    audits.length = 0;
    const input = {
      entityRef: 'component:default/shop',
      environment: 'staging',
      from: 'dev',
      imageDigest: digest,
      idempotencyKey: 'agent-promote-shop-1',
    };

    const first = (await asGuest('promote', input))
      .output as unknown as EcsDeployActionResponse & { replay: boolean };
    const retry = (await asGuest('promote', input))
      .output as unknown as EcsDeployActionResponse & { replay: boolean };

    expect(first.replay).toBe(false);
    expect(first.message).toBe(
      "Promoted abc1234 from dev to staging: tagged 'staging' in shop",
    );
    expect(first.ledgerEntry).toMatchObject({
      action: 'promote',
      environment: 'staging',
      actor: GUEST,
      status: 'succeeded',
      awsResource: `${repositoryArn('shop')}:staging`,
    });
    expect(retry).toEqual({ ...first, replay: true });
    expect(sb.callLog.count('ecr:PutImage')).toBe(1);
    const { imageDetails } = await clients.ecr.send(
      new DescribeImagesCommand({
        repositoryName: 'shop',
        imageIds: [{ imageTag: 'staging' }],
      }),
    );
    expect(imageDetails![0].imageDigest).toBe(digest);

    // audited as the HTTP route audits, once per invocation
    expect(audits.map(a => [a.outcome, a.meta])).toEqual(
      [false, true].map(replay => [
        'success',
        {
          action: 'promote',
          entityRef: 'component:default/shop',
          actor: GUEST,
          via: 'actions-registry',
          environment: 'staging',
          ledgerEntryId: first.ledgerEntry.id,
          awsResource: `${repositoryArn('shop')}:staging`,
          replay,
        },
      ]),
    );
    // the ledger the portal shows names the guest
    const ledger = await http('shop', '/ledger');
    expect(ledger.body.items).toEqual([first.ledgerEntry]);
  });
});

import { mockCredentials } from '@backstage/backend-test-utils';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import request from 'supertest';
import {
  ActionClients,
  actionClients,
} from '../actions/__testUtils__/actionFleet';
import {
  GUEST,
  agentEntities,
  agentTeams,
  createAgentFleet,
} from './__testUtils__/agentFleet';
import { startAgentBackend } from './__testUtils__/agentBackend';

// Over HTTP against a sandbox on a shared CI machine: allow slow runs.
jest.setTimeout(60_000);

type ToolResult = {
  content: Array<{ type: string; text: string }>;
  structuredContent?: Record<string, any>;
  isError?: boolean;
};

describe('ECS Deploy actions as MCP tools (the MCP actions backend), against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Awaited<ReturnType<typeof startAgentBackend>>['backend'];
  const digests: Record<string, string> = {};
  let rpcId = 0;

  /** One JSON-RPC request to the MCP endpoint, as an MCP client sends it. */
  async function mcp(method: string, params: object) {
    const res = await request(backend.server)
      .post('/api/mcp-actions/v1')
      .set('Authorization', mockCredentials.user.header(GUEST))
      .set('Accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: ++rpcId, method, params });
    expect(res.status).toBe(200);
    // Streamable HTTP answers in an event stream: one message here.
    const data = res.text
      .split('\n')
      .find(line => line.startsWith('data: '))!
      .slice('data: '.length);
    const message = JSON.parse(data);
    expect(message.error).toBeUndefined();
    return message.result;
  }
  const callTool = (name: string, args: object): Promise<ToolResult> =>
    mcp('tools/call', { name, arguments: args });

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    Object.assign(digests, await createAgentFleet(clients));
    ({ backend } = await startAgentBackend(sb, agentEntities, {
      teams: agentTeams,
      mcp: true,
    }));
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('lists the suite’s tools with their hints', async () => {
    const { tools } = await mcp('tools/list', {});
    const promote = tools.find(
      (t: { name: string }) => t.name === 'ecs-deploy.promote',
    );
    expect(promote).toMatchObject({
      annotations: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
      },
      inputSchema: {
        required: expect.arrayContaining(['entityRef', 'idempotencyKey']),
      },
    });
    expect(tools.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining([
        'ecs-deploy.get-environments',
        'ecs-deploy.get-promotion-preview',
        'ecs-deploy.abort-release',
      ]),
    );
  });

  it('refuses promote for another team’s entity, and acts once for the guest’s own', async () => {
    sb.callLog.reset();
    const refused = await callTool('ecs-deploy.promote', {
      entityRef: 'component:default/vault',
      environment: 'staging',
      from: 'dev',
      imageDigest: digests.vault,
      idempotencyKey: 'mcp-promote-vault-1',
    });
    expect(refused.isError).toBe(true);
    expect(refused.content[0].text).toBe(
      'NotAllowedError: Not allowed to ecs-deploy.image.promote on component:default/vault',
    );
    expect(sb.callLog.total()).toBe(0);

    const preview = await callTool('ecs-deploy.get-promotion-preview', {
      entityRef: 'component:default/shop',
      from: 'dev',
      to: 'staging',
    });
    const { digest } = JSON.parse(preview.content[0].text).image;
    expect(digest).toBe(digests.shop);
    sb.callLog.reset();
    const args = {
      entityRef: 'component:default/shop',
      environment: 'staging',
      from: 'dev',
      imageDigest: digest,
      idempotencyKey: 'mcp-promote-shop-1',
    };
    const first = await callTool('ecs-deploy.promote', args);
    const retry = await callTool('ecs-deploy.promote', args);
    expect(first.isError).toBeFalsy();
    const done = JSON.parse(first.content[0].text);
    expect(done).toMatchObject({
      message: "Promoted abc1234 from dev to staging: tagged 'staging' in shop",
      ledgerEntry: { action: 'promote', actor: GUEST, status: 'succeeded' },
      replay: false,
    });
    expect(JSON.parse(retry.content[0].text)).toEqual({
      ...done,
      replay: true,
    });
    expect(sb.callLog.count('ecr:PutImage')).toBe(1);
  });
});

import type { PermissionsService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startSandbox } from '@ecs-deploy/aws-sandbox';
import { createCluster, sdkFleetCaller } from '@ecs-deploy/aws-sandbox/testing';
import {
  AwsClientFactory,
  DEFAULT_TAG_KEYS,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { ServiceAuthorizer } from '../authz/ServiceAuthorizer';
import { readScaffolderSettings } from '../config/scaffolderConfig';
import type { EcsActionOptions } from '../actions/options';

/*
 * Test harness: a sandbox over HTTP, the real AwsClientFactory pointed at it
 * (the sandbox takes a 12-digit access key id as the caller's account), the
 * demo environments as config, a catalog with two teams, and a checkpoint
 * store that behaves like the scaffolder's: a retried task gets the stored
 * value instead of a second call.
 */

export const ACCOUNTS = {
  dev: '111111111111',
  staging: '222222222222',
  prod: '333333333333',
};

/** jane is in team-payments; mallory is in team-checkout, which owns checkout-web. */
export const JANE = 'user:default/jane';
export const MALLORY = 'user:default/mallory';
export const PAYMENTS = 'group:default/team-payments';
export const CHECKOUT = 'group:default/team-checkout';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const user = (name: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [team] },
  relations: [{ type: 'memberOf', targetRef: team }],
});

/** A component already in the catalog, owned by `owner`. */
export const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

export const ORG: Entity[] = [
  group('team-payments'),
  group('team-checkout'),
  user('jane', PAYMENTS),
  user('mallory', CHECKOUT),
  component('checkout-web', CHECKOUT),
];

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export function testConfig(
  sandboxUrl: string,
  infraDirectory: string,
  extra: { sharedLoadBalancer?: Record<string, string | number> } = {},
) {
  return new ConfigReader({
    integrations: { github: [{ host: 'github.com', token: 'test-token' }] },
    ecsDeploy: {
      aws: { endpoint: sandboxUrl, defaultRegion: 'eu-west-1', maxAttempts: 1 },
      scaffolder: {
        environments: Object.entries(ACCOUNTS).map(([name, accountId]) => ({
          name,
          accountId,
          cluster: `storefront-${name}`,
          subnets: ['subnet-0a', 'subnet-0b'],
          securityGroups: ['sg-0a'],
          ...(extra.sharedLoadBalancer && name === 'dev'
            ? { sharedLoadBalancer: extra.sharedLoadBalancer }
            : {}),
        })),
        ecr: { accountId: ACCOUNTS.dev },
        infraRepository: {
          type: 'local',
          directory: infraDirectory,
          connectionArn:
            'arn:aws:codeconnections:eu-west-1:111111111111:connection/sandbox',
        },
      },
    },
  });
}

/** A permissions service that answers every request with `result`. */
export function fixedPermissions(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
): PermissionsService {
  return {
    authorize: jest.fn(async (requests: unknown[]) =>
      requests.map(() => ({ result })),
    ),
    authorizeConditional: jest.fn(async (requests: unknown[]) =>
      requests.map(() => ({ result })),
    ),
  } as unknown as PermissionsService;
}

export function createTestOptions(
  sandboxUrl: string,
  infraDirectory = '/nonexistent',
  opts: {
    entities?: Entity[];
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    sharedLoadBalancer?: Record<string, string | number>;
  } = {},
) {
  const config = testConfig(sandboxUrl, infraDirectory, opts);
  const clients = AwsClientFactory.fromConfig(config, {
    credentialsManager: {
      async getCredentialProvider(o?: { accountId?: string }) {
        const accountId = o?.accountId ?? ACCOUNTS.dev;
        return {
          accountId,
          sdkCredentialProvider: async () => ({
            accessKeyId: accountId,
            secretAccessKey: 'sandbox',
          }),
        };
      },
    },
  });
  const options: EcsActionOptions = {
    clients,
    settings: readScaffolderSettings(config, clients.defaultRegion),
    tagKeys: DEFAULT_TAG_KEYS,
    authorizer: new ServiceAuthorizer({
      catalog: catalogServiceMock({ entities: opts.entities ?? ORG }),
      permissions: fixedPermissions(opts.permission ?? AuthorizeResult.ALLOW),
      auth: mockServices.auth(),
    }),
  };
  return {
    options,
    clients,
    integrations: ScmIntegrations.fromConfig(config),
    config,
  };
}

export async function startTestSandbox(): Promise<Sandbox> {
  return startSandbox({
    seed: 'none',
    port: 0,
    speed: 1000,
    tickIntervalMs: 50,
  });
}

/** The three demo clusters, one per account. */
export async function createClusters(clients: AwsClientFactory) {
  for (const [name, accountId] of Object.entries(ACCOUNTS)) {
    const { ecs } = await clients.forResource({
      accountId,
      region: 'eu-west-1',
    });
    await createCluster(sdkFleetCaller({ ecs }), {
      name: `storefront-${name}`,
    });
  }
}

/** A checkpoint store with the scaffolder's semantics, shared across runs of one "task". */
export function createCheckpointStore() {
  const values = new Map<string, unknown>();
  const calls: string[] = [];
  return {
    values,
    calls,
    async checkpoint<T>(opts: {
      key: string;
      fn: () => Promise<T> | T;
    }): Promise<T> {
      calls.push(opts.key);
      if (values.has(opts.key)) return values.get(opts.key) as T;
      const value = await opts.fn();
      values.set(opts.key, value ?? {});
      return value;
    },
  };
}

/**
 * Runs an action once, as `actor` (default jane of team-payments), and
 * returns its outputs. `owner` defaults to team-payments.
 */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: Record<string, any>,
  opts: {
    store?: ReturnType<typeof createCheckpointStore>;
    isDryRun?: boolean;
    workspacePath?: string;
    actor?: string;
  } = {},
) {
  const store = opts.store ?? createCheckpointStore();
  const actor = opts.actor ?? JANE;
  // The mock context keeps only some fields, so dry run, checkpoints and the
  // initiator are set after.
  const ctx = {
    ...createMockActionContext({
      input: { owner: PAYMENTS, ...input },
      ...(opts.workspacePath ? { workspacePath: opts.workspacePath } : {}),
    }),
    isDryRun: opts.isDryRun,
    checkpoint: store.checkpoint as any,
    getInitiatorCredentials: async () => mockCredentials.user(actor),
    user: { ref: actor },
  };
  await action.handler(ctx);
  const outputs: Record<string, any> = {};
  for (const [key, value] of (ctx.output as jest.Mock).mock.calls)
    outputs[key] = value;
  return outputs;
}

/** Calls of mutating operations (Create*, Register*, Put*, Modify*) in the call log. */
export function mutations(sandbox: Sandbox): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, count] of Object.entries(sandbox.callLog.counts())) {
    const op = key.split(':')[1] ?? '';
    if (/^(Create|Register|Put|Modify|Update|Delete|Tag|Add)/.test(op))
      out[key] = count;
  }
  return out;
}

export { createMockDirectory };

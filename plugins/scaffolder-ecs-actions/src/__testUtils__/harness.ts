import { CreateClusterCommand } from '@aws-sdk/client-ecs';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startSandbox } from '@ecs-deploy/aws-sandbox';
import {
  AwsClientFactory,
  DEFAULT_TAG_KEYS,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { readScaffolderSettings } from '../config/scaffolderConfig';
import type { EcsActionOptions } from '../actions/options';

/*
 * Test harness: a sandbox over HTTP, the real AwsClientFactory pointed at it
 * (the sandbox takes a 12-digit access key id as the caller's account), the
 * demo environments as config, and a checkpoint store that behaves like the
 * scaffolder's: a retried task gets the stored value instead of a second call.
 */

export const ACCOUNTS = {
  dev: '111111111111',
  staging: '222222222222',
  prod: '333333333333',
};

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export function testConfig(sandboxUrl: string, infraDirectory: string) {
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

export function createTestOptions(
  sandboxUrl: string,
  infraDirectory = '/nonexistent',
) {
  const config = testConfig(sandboxUrl, infraDirectory);
  const clients = AwsClientFactory.fromConfig(config, {
    credentialsManager: {
      async getCredentialProvider(opts?: { accountId?: string }) {
        const accountId = opts?.accountId ?? ACCOUNTS.dev;
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
    settings: readScaffolderSettings(config),
    tagKeys: DEFAULT_TAG_KEYS,
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
    await ecs.send(
      new CreateClusterCommand({ clusterName: `storefront-${name}` }),
    );
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

/** Runs an action once and returns its outputs. */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: Record<string, any>,
  opts: {
    store?: ReturnType<typeof createCheckpointStore>;
    isDryRun?: boolean;
    workspacePath?: string;
  } = {},
) {
  const store = opts.store ?? createCheckpointStore();
  // The mock context keeps only some fields, so dry run and checkpoints are set after.
  const ctx = {
    ...createMockActionContext({
      input,
      ...(opts.workspacePath ? { workspacePath: opts.workspacePath } : {}),
    }),
    isDryRun: opts.isDryRun,
    checkpoint: store.checkpoint as any,
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
    if (/^(Create|Register|Put|Modify|Update|Delete|Tag)/.test(op))
      out[key] = count;
  }
  return out;
}

export { createMockDirectory };

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import request from 'supertest';
import { ecsDeployPlugin } from './plugin';
import { component, sandboxConfig } from './__testUtils__/sandboxFleet';

const ACCOUNTS: Record<string, string> = {
  dev: '111111111111',
  staging: '222222222222',
  prod: '333333333333',
};

const services: Array<[string, string[]]> = [
  ['payments-api', ['dev', 'staging', 'prod']],
  ['checkout-web', ['dev', 'staging', 'prod']],
  ['search-api', ['dev', 'staging', 'prod']],
  ['notifications-service', ['staging', 'prod']],
];

/*
 * Cold budgets per endpoint for three environments, in the order a page asks
 * (the overview first). payments-api's first overview includes the one-off
 * scan that finds CodeDeploy deployment groups per account (not annotated).
 * The overview reads the newest 100 pipeline executions and one
 * ListActionExecutions page per pipeline, which links them all: the history
 * page after it only describes deployments (it paid one ListActionExecutions
 * per execution shown before: 10-14). Warm (within the TTLs) costs nothing.
 * search-api's pipelines deploy `imagedefinitions.json`, which names the
 * image by its environment tag, as AWS's ECS deploy action does: its
 * overview asks ECR for that tag's digest once per environment.
 * notifications-service's overview reads its listeners' weights (the target
 * groups and listeners of each environment) to offer starting a release; the
 * traffic endpoint after it finds them cached.
 */
const COLD_BUDGET: Record<string, Record<string, number>> = {
  'payments-api': {
    '/environments': 40,
    '/history?limit=25': 5,
    '/traffic': 12,
    '/stopped-tasks?environment=prod': 2,
  },
  'checkout-web': {
    '/environments': 25,
    '/history?limit=25': 5,
    '/traffic': 12,
    '/stopped-tasks?environment=prod': 2,
  },
  'search-api': {
    '/environments': 25,
    '/history?limit=25': 8,
    '/traffic': 12,
    '/stopped-tasks?environment=prod': 2,
  },
  'notifications-service': {
    '/environments': 10,
    '/history?limit=25': 2,
    '/traffic': 6,
    '/stopped-tasks?environment=prod': 2,
  },
};

function startBackend(sb: RunningSandbox) {
  const config = sandboxConfig(sb);
  return startTestBackend({
    features: [
      ecsDeployPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...config,
          aws: {
            accounts: Object.values(ACCOUNTS).map(accountId => ({
              accountId,
              accessKeyId: accountId,
              secretAccessKey: 'sandbox',
            })),
          },
          ecsDeploy: {
            ...config.ecsDeploy,
            // Long enough that "warm" never races the clock on a slow machine.
            cache: { activeTtlSeconds: 300, listTtlSeconds: 300 },
          },
        },
      }),
      catalogServiceMock.factory({
        entities: services.map(([name, envs]) =>
          component(name, {
            'ecs-deploy.io/environments': envs.join(','),
            ...Object.fromEntries(
              envs.map(env => [
                `ecs-deploy.io/service-arn.${env}`,
                `arn:aws:ecs:eu-west-1:${ACCOUNTS[env]}:service/storefront-${env}/${name}`,
              ]),
            ),
            ...(name === 'notifications-service'
              ? {}
              : Object.fromEntries(
                  envs.map(env => [
                    `ecs-deploy.io/pipeline-arn.${env}`,
                    `arn:aws:codepipeline:eu-west-1:${ACCOUNTS[env]}:${name}-${env}`,
                  ]),
                )),
          }),
        ),
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
}

// Over HTTP against a sandbox on a shared CI machine: allow slow runs.
jest.setTimeout(60_000);

describe('AWS calls per endpoint (demo fleet)', () => {
  let sb: RunningSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'demo', speed: 0 });
    backend = await startBackend(sb);
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await sb?.close();
  });

  const measure = async (name: string, path: string) => {
    sb.callLog.reset();
    const res = await request(backend.server).get(
      `/api/ecs-deploy/entities/component/default/${name}${path}`,
    );
    expect(res.status).toBe(200);
    return { total: sb.callLog.total(), counts: sb.callLog.counts() };
  };

  it.each(services.map(([name]) => name))(
    'keeps %s within its AWS call budget, and warm calls at zero',
    async name => {
      for (const [path, budget] of Object.entries(COLD_BUDGET[name])) {
        const cold = await measure(name, path);
        expect({ path, calls: cold.total }).toEqual({
          path,
          calls: expect.any(Number),
        });
        expect(cold.total).toBeLessThanOrEqual(budget);
        const warm = await measure(name, path);
        expect({ path, warm: warm.total }).toEqual({ path, warm: 0 });
      }
    },
  );

  it('shares the CodeDeploy group lookup between entities of one account', async () => {
    const fresh = await startBackend(sb);
    try {
      const get = (name: string) =>
        request(fresh.server).get(
          `/api/ecs-deploy/entities/component/default/${name}/environments`,
        );
      sb.callLog.reset();
      expect((await get('payments-api')).status).toBe(200);
      expect(sb.callLog.count('codedeploy:ListApplications')).toBe(3);
      sb.callLog.reset();
      expect((await get('checkout-web')).status).toBe(200);
      expect(sb.callLog.count('codedeploy:ListApplications')).toBe(0);
    } finally {
      await fresh.stop();
    }
  });
});

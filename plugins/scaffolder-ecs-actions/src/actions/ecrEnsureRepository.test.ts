import {
  DescribeRepositoriesCommand,
  ListTagsForResourceCommand,
  CreateRepositoryCommand,
} from '@aws-sdk/client-ecr';
import {
  ACCOUNTS,
  Sandbox,
  createCheckpointStore,
  createTestOptions,
  mutations,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { createEcrEnsureRepositoryAction } from './ecrEnsureRepository';

describe('ecs:ecr:ensure-repository against the sandbox', () => {
  let sandbox: Sandbox;
  let harness: ReturnType<typeof createTestOptions>;
  let action: ReturnType<typeof createEcrEnsureRepositoryAction>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url);
    action = createEcrEnsureRepositoryAction(harness.options);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.callLog.reset();
    sandbox.faults.clear();
  });

  const ecr = async () =>
    (
      await harness.clients.forResource({
        accountId: ACCOUNTS.dev,
        region: 'eu-west-1',
      })
    ).ecr;

  it('creates the repository tagged with the entity, and nothing on a second run', async () => {
    const first = await runAction(action, { repositoryName: 'payments-api' });
    expect(first).toMatchObject({
      repositoryArn:
        'arn:aws:ecr:eu-west-1:111111111111:repository/payments-api',
      repositoryUri:
        '111111111111.dkr.ecr.eu-west-1.amazonaws.com/payments-api',
      created: true,
      consoleUrl: expect.stringContaining(
        '/ecr/repositories/private/111111111111/payments-api',
      ),
    });
    const tags = await (
      await ecr()
    ).send(
      new ListTagsForResourceCommand({ resourceArn: first.repositoryArn }),
    );
    expect(tags.tags).toEqual([
      { Key: 'backstage.io/entity', Value: 'component:default/payments-api' },
    ]);
    const created = mutations(sandbox);

    const second = await runAction(action, { repositoryName: 'payments-api' });
    expect(second).toMatchObject({
      repositoryArn: first.repositoryArn,
      created: false,
    });
    expect(mutations(sandbox)).toEqual(created);
  });

  it('creates nothing in a dry run', async () => {
    const out = await runAction(
      action,
      { repositoryName: 'dry-run-api' },
      { isDryRun: true },
    );
    expect(out.created).toBe(false);
    expect(mutations(sandbox)).toEqual({});
    await expect(
      (
        await ecr()
      ).send(
        new DescribeRepositoriesCommand({ repositoryNames: ['dry-run-api'] }),
      ),
    ).rejects.toThrow(/RepositoryNotFound|does not exist/);
  });

  it('finishes after a failed attempt', async () => {
    sandbox.faults.set('ecr:CreateRepository', { errorRate: 1 });
    const store = createCheckpointStore();
    await expect(
      runAction(action, { repositoryName: 'flaky-api' }, { store }),
    ).rejects.toThrow(/creating the ECR repository/);
    sandbox.faults.clear();
    const out = await runAction(
      action,
      { repositoryName: 'flaky-api' },
      { store },
    );
    expect(out.created).toBe(true);
  });

  it('refuses a repository that belongs to another entity', async () => {
    await (
      await ecr()
    ).send(
      new CreateRepositoryCommand({
        repositoryName: 'shared-name',
        tags: [
          {
            Key: 'backstage.io/entity',
            Value: 'component:default/someone-else',
          },
        ],
      }),
    );
    sandbox.callLog.reset();
    await expect(
      runAction(action, { repositoryName: 'shared-name' }),
    ).rejects.toThrow(
      /^repositoryName: ECR repository 'shared-name' belongs to component:default\/someone-else/,
    );
    expect(mutations(sandbox)).toEqual({});
  });

  it('rejects a name ECR would reject before calling AWS', async () => {
    await expect(
      runAction(action, { repositoryName: 'Payments_API!' }),
    ).rejects.toThrow(/^repositoryName 'Payments_API!' is not a valid name/);
    await expect(
      runAction(action, { repositoryName: 'ok-name', accountId: '42' }),
    ).rejects.toThrow('accountId: accountId must be 12 digits');
    expect(sandbox.callLog.total()).toBe(0);
  });
});

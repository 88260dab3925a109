import {
  DescribeRepositoriesCommand,
  ListTagsForResourceCommand,
  CreateRepositoryCommand,
} from '@aws-sdk/client-ecr';
import {
  ACCOUNTS,
  CHECKOUT,
  MALLORY,
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
    const first = await runAction(action, { name: 'payments-api' });
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
      { Key: 'backstage.io/owner', Value: 'group:default/team-payments' },
    ]);
    const created = mutations(sandbox);

    const second = await runAction(action, { name: 'payments-api' });
    expect(second).toMatchObject({
      repositoryArn: first.repositoryArn,
      created: false,
    });
    expect(mutations(sandbox)).toEqual(created);
  });

  it('creates nothing in a dry run', async () => {
    const out = await runAction(
      action,
      { name: 'dry-run-api' },
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
      runAction(action, { name: 'flaky-api' }, { store }),
    ).rejects.toThrow(/creating the ECR repository/);
    sandbox.faults.clear();
    const out = await runAction(action, { name: 'flaky-api' }, { store });
    expect(out.created).toBe(true);
  });

  it('refuses a repository that belongs to another entity, without naming it', async () => {
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
    const refusal = runAction(action, { name: 'shared-name' });
    await expect(refusal).rejects.toThrow(
      /name: ECR repository 'shared-name' \(111111111111\/eu-west-1\) exists and is not tagged backstage.io\/entity=component:default\/shared-name/,
    );
    await expect(refusal).rejects.not.toThrow(/someone-else/);
    expect(mutations(sandbox)).toEqual({});
  });

  it('refuses a repository tagged for the entity but another team, until one of that team runs it', async () => {
    // What a first run by team-checkout leaves before the catalog knows the component.
    await (
      await ecr()
    ).send(
      new CreateRepositoryCommand({
        repositoryName: 'window-api',
        tags: [
          { Key: 'backstage.io/entity', Value: 'component:default/window-api' },
          { Key: 'backstage.io/owner', Value: CHECKOUT },
        ],
      }),
    );
    sandbox.callLog.reset();
    await expect(runAction(action, { name: 'window-api' })).rejects.toThrow(
      /is not tagged backstage.io\/entity=component:default\/window-api for a team you are in/,
    );
    expect(mutations(sandbox)).toEqual({});
    await expect(
      runAction(
        action,
        { name: 'window-api', owner: CHECKOUT },
        { actor: MALLORY },
      ),
    ).resolves.toMatchObject({ created: false });
  });

  it('refuses an untagged repository of that name', async () => {
    await (
      await ecr()
    ).send(new CreateRepositoryCommand({ repositoryName: 'untagged-api' }));
    sandbox.callLog.reset();
    await expect(runAction(action, { name: 'untagged-api' })).rejects.toThrow(
      /is not tagged backstage.io\/entity=component:default\/untagged-api/,
    );
    expect(mutations(sandbox)).toEqual({});
  });

  it('takes no account, region or entity as input', async () => {
    await expect(
      runAction(action, {
        name: 'ok-name',
        accountId: '333333333333',
        entityRef: 'component:default/checkout-web',
      }),
    ).rejects.toThrow(/^accountId, entityRef: not an input of this action/);
    await expect(runAction(action, { name: 'Payments_API!' })).rejects.toThrow(
      /^name 'Payments_API!' is not a valid name/,
    );
    expect(sandbox.callLog.total()).toBe(0);
  });
});

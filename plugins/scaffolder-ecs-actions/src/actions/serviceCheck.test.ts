import fs from 'node:fs/promises';
import path from 'node:path';
import {
  CreateApplicationCommand,
  CreateDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import { CreateRepositoryCommand } from '@aws-sdk/client-ecr';
import {
  ACCOUNTS,
  CHECKOUT,
  MALLORY,
  Sandbox,
  createClusters,
  createMockDirectory,
  createTestOptions,
  mutations,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { createEcsServiceCreateAction } from './ecsServiceCreate';
import { createServiceCheckAction } from './serviceCheck';

describe('ecs:service:check', () => {
  const mockDir = createMockDirectory();
  let sandbox: Sandbox;
  let harness: ReturnType<typeof createTestOptions>;
  let action: ReturnType<typeof createServiceCheckAction>;
  const inAccount = (accountId: string) =>
    harness.clients.forResource({ accountId, region: 'eu-west-1' });

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url, mockDir.resolve('repos'));
    action = createServiceCheckAction(harness.options);
    await createClusters(harness.clients);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.callLog.reset());

  const input = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    environments: ['dev', 'staging', 'prod'],
    ...extra,
  });

  it('says what the template will create, and creates nothing', async () => {
    const out = await runAction(action, input('cart-api'));
    expect(out.entityRef).toBe('component:default/cart-api');
    expect(out.ownerRef).toBe('group:default/team-payments');
    expect(out.plan).toEqual(
      expect.arrayContaining([
        'ECR repository cart-api',
        'dev: load balancer cart-api-dev',
        'prod: ECS service cart-api (CODE_DEPLOY)',
        'prod: deployment group cart-api-prod',
        'staging: pipeline cart-api-staging',
      ]),
    );
    expect(mutations(sandbox)).toEqual({});
  });

  it("refuses a run for another team's component before anything exists", async () => {
    await expect(runAction(action, input('checkout-web'))).rejects.toThrow(
      /^name: component:default\/checkout-web already exists in the catalog, owned by group:default\/team-checkout/,
    );
    // its owners may
    await expect(
      runAction(
        action,
        { ...input('checkout-web'), owner: CHECKOUT },
        {
          actor: MALLORY,
        },
      ),
    ).resolves.toMatchObject({ entityRef: 'component:default/checkout-web' });
    await expect(
      runAction(action, { ...input('cart-api'), owner: CHECKOUT }),
    ).rejects.toThrow(/^owner: user:default\/jane is not a member/);
    expect(mutations(sandbox)).toEqual({});
  });

  it("refuses a run whose prod deployment group name is another entity's, listing every conflict", async () => {
    // Another team's service in prod, and a deployment group for it under
    // the name this service would use.
    const other = await runAction(
      createEcsServiceCreateAction(harness.options),
      {
        name: 'other-x',
        owner: CHECKOUT,
        environment: 'prod',
        containerPort: 8080,
        size: '256/512',
      },
      { actor: MALLORY },
    );
    const { codeDeploy } = await inAccount(ACCOUNTS.prod);
    await codeDeploy.send(
      new CreateApplicationCommand({
        applicationName: 'basket-api',
        computePlatform: 'ECS',
      }),
    );
    await codeDeploy.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'basket-api',
        deploymentGroupName: 'basket-api-prod',
        serviceRoleArn: 'arn:aws:iam::333333333333:role/ecsCodeDeployRole',
        deploymentStyle: {
          deploymentType: 'BLUE_GREEN',
          deploymentOption: 'WITH_TRAFFIC_CONTROL',
        },
        ecsServices: [
          { clusterName: 'storefront-prod', serviceName: 'other-x' },
        ],
        loadBalancerInfo: {
          targetGroupPairInfoList: [
            {
              targetGroups: [
                { name: other.blueTargetGroupName },
                { name: other.greenTargetGroupName },
              ],
              prodTrafficRoute: { listenerArns: [other.productionListenerArn] },
            },
          ],
        },
        tags: [
          { Key: 'backstage.io/entity', Value: 'component:default/other' },
        ],
      }),
    );
    const { ecr } = await inAccount(ACCOUNTS.dev);
    await ecr.send(
      new CreateRepositoryCommand({ repositoryName: 'basket-api' }),
    );
    sandbox.callLog.reset();
    const refusal = runAction(action, input('basket-api'));
    await expect(refusal).rejects.toThrow(
      /ECR repository 'basket-api' .* exists and is not tagged/,
    );
    await expect(refusal).rejects.toThrow(
      /prod: name: CodeDeploy application 'basket-api' \(333333333333\/eu-west-1\) exists and is not tagged/,
    );
    await expect(refusal).rejects.toThrow(
      /prod: name: deployment group 'basket-api-prod' .* exists and is not tagged/,
    );
    await expect(refusal).rejects.not.toThrow(/component:default\/other/);
    expect(mutations(sandbox)).toEqual({});
  });

  it("refuses a run that would publish into another component's infrastructure repository", async () => {
    const dir = mockDir.resolve('repos/parcel-api-infra');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(
      path.join(dir, 'catalog-info.yaml'),
      'kind: Component\nmetadata:\n  name: someone-else\n',
    );
    await expect(runAction(action, input('parcel-api'))).rejects.toThrow(
      /repositoryName: .*parcel-api-infra exists and is not the infrastructure repository of component:default\/parcel-api/,
    );
    expect(mutations(sandbox)).toEqual({});
  });

  it.each([
    [
      { environments: ['dev', 'qa'] },
      /^environments\[1\]: 'qa' is not an environment/,
    ],
    [{ accountId: ACCOUNTS.prod }, /^accountId: not an input/],
    [
      { taskRoleArn: 'arn:aws:iam::111111111111:role/Admin' },
      /^taskRoleArn: not an input/,
    ],
    [
      { entityRef: 'component:default/checkout-web' },
      /^entityRef: not an input/,
    ],
    [
      { repositoryName: '../../zz-escape' },
      /^repositoryName '..\/..\/zz-escape' is not a valid name/,
    ],
  ])('refuses %j before any AWS call', async (override, message) => {
    await expect(
      runAction(action, { ...input('cart-api'), ...override }),
    ).rejects.toThrow(message);
    expect(sandbox.callLog.total()).toBe(0);
  });
});

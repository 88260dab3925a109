import {
  CreateApplicationCommand,
  CreateDeploymentConfigCommand,
  CreateDeploymentGroupCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import {
  ACCOUNTS,
  Sandbox,
  createCheckpointStore,
  createClusters,
  createTestOptions,
  mutations,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { createCodeDeployCreateAction } from './codeDeployCreate';
import { createEcsServiceCreateAction } from './ecsServiceCreate';

describe('ecs:codedeploy:create against the sandbox', () => {
  let sandbox: Sandbox;
  let harness: ReturnType<typeof createTestOptions>;
  let action: ReturnType<typeof createCodeDeployCreateAction>;
  const services: Record<string, Record<string, any>> = {};
  const codeDeploy = async () =>
    (
      await harness.clients.forResource({
        accountId: ACCOUNTS.dev,
        region: 'eu-west-1',
      })
    ).codeDeploy;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url);
    action = createCodeDeployCreateAction(harness.options);
    await createClusters(harness.clients);
    const serviceAction = createEcsServiceCreateAction(harness.options);
    for (const name of [
      'payments-api',
      'cart-web',
      'flaky-api',
      'dry-api',
      'squat-api',
      'borrow-api',
    ]) {
      services[name] = await runAction(serviceAction, {
        name,
        environment: 'dev',
        containerPort: 8080,
        size: '256/512',
      });
    }
    services['orders-worker'] = await runAction(serviceAction, {
      name: 'orders-worker',
      environment: 'dev',
      containerPort: 8080,
      size: '256/512',
      deploymentController: 'ECS',
    });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.callLog.reset();
    sandbox.faults.clear();
  });

  const input = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    environment: 'dev',
    ...extra,
  });

  it('creates the application and a canary deployment group, then nothing on a second run', async () => {
    const out = await runAction(
      action,
      input('payments-api', {
        waitForApproval: true,
        readyWaitMinutes: 30,
        terminationWaitMinutes: 5,
        alarms: ['p99'],
      }),
    );
    expect(out).toMatchObject({
      applicationName: 'payments-api',
      deploymentGroupName: 'payments-api-dev',
      deploymentGroupArn:
        'arn:aws:codedeploy:eu-west-1:111111111111:deploymentgroup:payments-api/payments-api-dev',
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      created: [
        'CodeDeploy application payments-api',
        'deployment group payments-api-dev',
      ],
    });
    const { deploymentGroupInfo } = await (
      await codeDeploy()
    ).send(
      new GetDeploymentGroupCommand({
        applicationName: 'payments-api',
        deploymentGroupName: 'payments-api-dev',
      }),
    );
    expect(deploymentGroupInfo).toMatchObject({
      computePlatform: 'ECS',
      deploymentStyle: {
        deploymentType: 'BLUE_GREEN',
        deploymentOption: 'WITH_TRAFFIC_CONTROL',
      },
      ecsServices: [
        { clusterName: 'storefront-dev', serviceName: 'payments-api' },
      ],
      blueGreenDeploymentConfiguration: {
        deploymentReadyOption: {
          actionOnTimeout: 'STOP_DEPLOYMENT',
          waitTimeInMinutes: 30,
        },
        terminateBlueInstancesOnDeploymentSuccess: {
          action: 'TERMINATE',
          terminationWaitTimeInMinutes: 5,
        },
      },
      alarmConfiguration: { enabled: true, alarms: [{ name: 'p99' }] },
      autoRollbackConfiguration: {
        enabled: true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
      },
    });
    const pair =
      deploymentGroupInfo?.loadBalancerInfo?.targetGroupPairInfoList?.[0];
    expect(pair?.targetGroups?.map(t => t.name)).toEqual([
      'payments-api-dev-blue',
      'payments-api-dev-green',
    ]);
    expect(pair?.prodTrafficRoute?.listenerArns).toEqual([
      services['payments-api'].productionListenerArn,
    ]);
    expect(pair?.testTrafficRoute?.listenerArns).toEqual([
      services['payments-api'].testListenerArn,
    ]);

    const before = mutations(sandbox);
    const again = await runAction(action, input('payments-api'));
    expect(again.created).toEqual([]);
    expect(mutations(sandbox)).toEqual(before);
  });

  it('creates a custom deployment config once and reuses it', async () => {
    const shift = { type: 'linear', percentage: 25, intervalMinutes: 2 };
    const out = await runAction(
      action,
      input('cart-web', { trafficShift: shift }),
    );
    expect(out.deploymentConfigName).toBe(
      'EcsDeploy.Linear25PercentEvery2Minutes',
    );
    const { deploymentConfigInfo } = await (
      await codeDeploy()
    ).send(
      new GetDeploymentConfigCommand({
        deploymentConfigName: out.deploymentConfigName,
      }),
    );
    expect(deploymentConfigInfo?.trafficRoutingConfig).toEqual({
      type: 'TimeBasedLinear',
      timeBasedLinear: { linearPercentage: 25, linearInterval: 2 },
    });
  });

  it('creates nothing in a dry run', async () => {
    const out = await runAction(action, input('dry-api'), { isDryRun: true });
    expect(out.created).toEqual([]);
    expect(mutations(sandbox)).toEqual({});
  });

  it('finishes after a failure mid-way', async () => {
    sandbox.faults.set('codedeploy:CreateDeploymentGroup', { errorRate: 1 });
    const store = createCheckpointStore();
    await expect(
      runAction(action, input('flaky-api'), { store }),
    ).rejects.toThrow(/creating the deployment group/);
    sandbox.faults.clear();
    const out = await runAction(action, input('flaky-api'), { store });
    expect(out.deploymentGroupName).toBe('flaky-api-dev');
    expect(mutations(sandbox)['codedeploy:CreateApplication']).toBe(1);
  });

  describe("refuses what is not the service's own, before creating anything", () => {
    it('a deployment group of that name tagged for another entity, or untagged', async () => {
      const cd = await codeDeploy();
      await cd.send(
        new CreateApplicationCommand({
          applicationName: 'squat-api',
          computePlatform: 'ECS',
          tags: [
            {
              Key: 'backstage.io/entity',
              Value: 'component:default/squat-api',
            },
          ],
        }),
      );
      await cd.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'squat-api',
          deploymentGroupName: 'squat-api-dev',
          serviceRoleArn: 'arn:aws:iam::111111111111:role/ecsCodeDeployRole',
          deploymentStyle: {
            deploymentType: 'BLUE_GREEN',
            deploymentOption: 'WITH_TRAFFIC_CONTROL',
          },
          ecsServices: [
            { clusterName: 'storefront-dev', serviceName: 'squat-api' },
          ],
          loadBalancerInfo: {
            targetGroupPairInfoList: [
              {
                targetGroups: [
                  { name: 'squat-api-dev-blue' },
                  { name: 'squat-api-dev-green' },
                ],
                prodTrafficRoute: {
                  listenerArns: [services['squat-api'].productionListenerArn],
                },
              },
            ],
          },
          tags: [
            { Key: 'backstage.io/entity', Value: 'component:default/intruder' },
          ],
        }),
      );
      sandbox.callLog.reset();
      const refusal = runAction(action, input('squat-api'));
      await expect(refusal).rejects.toThrow(
        /name: deployment group 'squat-api-dev' \(111111111111\/eu-west-1\) exists and is not tagged backstage.io\/entity=component:default\/squat-api/,
      );
      await expect(refusal).rejects.not.toThrow(/intruder/);
      expect(mutations(sandbox)).toEqual({});
    });

    it('a deployment group tagged for the entity that deploys another service', async () => {
      const cd = await codeDeploy();
      await cd.send(
        new CreateApplicationCommand({
          applicationName: 'borrow-api',
          computePlatform: 'ECS',
          tags: [
            {
              Key: 'backstage.io/entity',
              Value: 'component:default/borrow-api',
            },
          ],
        }),
      );
      await cd.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'borrow-api',
          deploymentGroupName: 'borrow-api-dev',
          serviceRoleArn: 'arn:aws:iam::111111111111:role/ecsCodeDeployRole',
          deploymentStyle: {
            deploymentType: 'BLUE_GREEN',
            deploymentOption: 'WITH_TRAFFIC_CONTROL',
          },
          ecsServices: [
            { clusterName: 'storefront-dev', serviceName: 'payments-api' },
          ],
          loadBalancerInfo: {
            targetGroupPairInfoList: [
              {
                targetGroups: [
                  { name: 'payments-api-dev-blue' },
                  { name: 'payments-api-dev-green' },
                ],
                prodTrafficRoute: {
                  listenerArns: [
                    services['payments-api'].productionListenerArn,
                  ],
                },
              },
            ],
          },
          tags: [
            {
              Key: 'backstage.io/entity',
              Value: 'component:default/borrow-api',
            },
          ],
        }),
      );
      sandbox.callLog.reset();
      await expect(runAction(action, input('borrow-api'))).rejects.toThrow(
        /deployment group 'borrow-api-dev' deploys storefront-dev\/payments-api, not storefront-dev\/borrow-api/,
      );
      expect(mutations(sandbox)).toEqual({});
    });

    it('a custom deployment config of that name that shifts traffic otherwise', async () => {
      await (
        await codeDeploy()
      ).send(
        new CreateDeploymentConfigCommand({
          deploymentConfigName: 'EcsDeploy.Canary15Percent5Minutes',
          computePlatform: 'ECS',
          trafficRoutingConfig: { type: 'AllAtOnce' },
        }),
      );
      sandbox.callLog.reset();
      await expect(
        runAction(
          action,
          input('dry-api', {
            trafficShift: {
              type: 'canary',
              percentage: 15,
              intervalMinutes: 5,
            },
          }),
        ),
      ).rejects.toThrow(
        /^Cannot create .*trafficShift: deployment config 'EcsDeploy.Canary15Percent5Minutes' exists .* with another traffic routing/,
      );
      expect(mutations(sandbox)).toEqual({});
    });

    it('a service with the ECS controller', async () => {
      await expect(runAction(action, input('orders-worker'))).rejects.toThrow(
        /deploymentController: ECS service 'orders-worker' exists with the ECS controller, not CODE_DEPLOY/,
      );
      expect(mutations(sandbox)).toEqual({});
    });
  });

  describe('bad input fails naming the field before creating anything', () => {
    it.each([
      [
        {
          productionListenerArn:
            'arn:aws:elasticloadbalancing:eu-west-1:333333333333:listener/app/x/1/2',
        },
        /^productionListenerArn: not an input/,
      ],
      [
        { blueTargetGroupName: 'checkout-web-prod-blue' },
        /^blueTargetGroupName: not an input/,
      ],
      [
        { serviceRoleArn: 'arn:aws:iam::111111111111:role/Admin' },
        /^serviceRoleArn: not an input/,
      ],
      [
        { deploymentGroupName: 'checkout-web-prod' },
        /^deploymentGroupName: not an input/,
      ],
      [
        { deploymentConfigName: 'Nope' },
        /^deploymentConfigName: deploymentConfigName must be a predefined/,
      ],
      [
        { trafficShift: { type: 'canary', percentage: 100 } },
        /^trafficShift.percentage: /,
      ],
      [{ alarms: ['*'] }, /^alarms.0: alarms: each must be an alarm name/],
    ])('%j', async (override, message) => {
      await expect(
        runAction(action, input('payments-api', override)),
      ).rejects.toThrow(message);
      expect(mutations(sandbox)).toEqual({});
    });

    it('a predefined config that does not exist', async () => {
      await expect(
        runAction(
          action,
          input('payments-api', {
            deploymentConfigName: 'CodeDeployDefault.ECSNope',
          }),
        ),
      ).rejects.toThrow(
        /deploymentConfigName: no deployment config 'CodeDeployDefault.ECSNope'/,
      );
    });

    it('a service that does not exist yet', async () => {
      await expect(runAction(action, input('ghost-api'))).rejects.toThrow(
        /^name: load balancer ghost-api-dev, .*ECS service ghost-api .*missing; run ecs:service:create for 'dev' first/,
      );
      expect(mutations(sandbox)).toEqual({});
    });
  });
});

import {
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
      'checkout-web',
      'flaky-api',
      'dry-api',
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
    blueTargetGroupName: services[name].blueTargetGroupName,
    greenTargetGroupName: services[name].greenTargetGroupName,
    productionListenerArn: services[name].productionListenerArn,
    testListenerArn: services[name].testListenerArn,
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
      input('checkout-web', { trafficShift: shift }),
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

  describe('bad input fails naming the field before creating anything', () => {
    it('a service with the ECS controller', async () => {
      await expect(runAction(action, input('orders-worker'))).rejects.toThrow(
        /^serviceName: service 'orders-worker' uses the ECS deployment controller/,
      );
      expect(mutations(sandbox)).toEqual({});
    });

    it('an unknown deployment config', async () => {
      await expect(
        runAction(
          action,
          input('payments-api', {
            deploymentGroupName: 'other',
            deploymentConfigName: 'Nope',
          }),
        ),
      ).rejects.toThrow(/^deploymentConfigName: no deployment config 'Nope'/);
      expect(mutations(sandbox)).toEqual({});
    });

    it('a listener that does not exist', async () => {
      await expect(
        runAction(
          action,
          input('payments-api', {
            deploymentGroupName: 'other',
            productionListenerArn: `${services['payments-api'].productionListenerArn}0`,
          }),
        ),
      ).rejects.toThrow(/^productionListenerArn: no listener/);
      expect(mutations(sandbox)).toEqual({});
    });

    it('a name CodeDeploy would reject', async () => {
      await expect(
        runAction(
          action,
          input('payments-api', { deploymentGroupName: 'with space' }),
        ),
      ).rejects.toThrow(
        /^deploymentGroupName 'with space' is not a valid name/,
      );
      await expect(
        runAction(
          action,
          input('payments-api', {
            trafficShift: { type: 'canary', percentage: 100 },
          }),
        ),
      ).rejects.toThrow(/^trafficShift.percentage: /);
      expect(mutations(sandbox)).toEqual({});
    });
  });
});

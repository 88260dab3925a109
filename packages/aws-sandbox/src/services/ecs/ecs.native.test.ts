import {
  ContinueServiceDeploymentCommand,
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  ServiceDeploymentNotFoundException,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSandbox, type RunningSandbox } from '../../server';
import { advanceSandbox, sandboxClientConfig } from '../../testUtils';
import { createBlueGreenAlb } from '../elbv2/__testUtils__/createAlb';

/*
 * ECS-native blue/green, canary and linear deployments, observed step by step
 * through DescribeServiceDeployments and the listener rules' weights.
 */

const MINUTE = 60_000;

describe('ECS native traffic-shifting deployments', () => {
  let sb: RunningSandbox;
  let ecs: ECSClient;
  let alb: Awaited<ReturnType<typeof createBlueGreenAlb>>;

  beforeEach(async () => {
    sb = await startSandbox();
    ecs = new ECSClient(sandboxClientConfig(sb));
    const elb = new ElasticLoadBalancingV2Client(sandboxClientConfig(sb));
    alb = await createBlueGreenAlb(elb, 'ledger-dev');
    elb.destroy();
    await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  });
  afterEach(async () => {
    ecs.destroy();
    await sb.close();
  });

  async function register(tag: string) {
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'ledger',
        containerDefinitions: [{ name: 'app', image: `ledger:${tag}` }],
      }),
    );
    return taskDefinition!.taskDefinitionArn!;
  }

  /** Creates the service on v1, lets it settle, then updates it to v2. */
  async function deployV2(deploymentConfiguration: DeploymentConfiguration) {
    const v1 = await register('1');
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'ledger',
        taskDefinition: v1,
        desiredCount: 2,
        deploymentConfiguration,
        loadBalancers: [
          {
            targetGroupArn: alb.blue,
            containerName: 'app',
            containerPort: 8080,
            advancedConfiguration: {
              alternateTargetGroupArn: alb.green,
              productionListenerRule: alb.productionRule,
              testListenerRule: alb.testRule,
              roleArn: 'arn:aws:iam::111111111111:role/ecs-infra',
            },
          },
        ],
      }),
    );
    advanceSandbox(sb, 70_000);
    const v2 = await register('2');
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'shop',
        service: 'ledger',
        taskDefinition: v2,
      }),
    );
    const { serviceDeployments } = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'shop', service: 'ledger' }),
    );
    return { v1, v2, arn: serviceDeployments![0].serviceDeploymentArn! };
  }

  async function deployment(arn: string): Promise<ServiceDeployment> {
    const { serviceDeployments } = await ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
    );
    return serviceDeployments![0];
  }

  const productionWeights = () =>
    Object.fromEntries(
      sb.world.elbv2
        .getRuleWeights(alb.productionRule)
        .map(w => [w.targetGroupArn === alb.blue ? 'blue' : 'green', w.weight]),
    );

  it('runs a CANARY deployment through its stages, canary bake and bake time', async () => {
    const { v2, arn } = await deployV2({
      strategy: 'CANARY',
      bakeTimeInMinutes: 10,
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
    });
    expect(productionWeights()).toEqual({ blue: 100, green: 0 });
    let d = await deployment(arn);
    expect(d.status).toBe('IN_PROGRESS');
    expect(d.lifecycleStage).toBe('SCALE_UP');
    expect(d.targetServiceRevision!.requestedTaskCount).toBe(2);

    // green tasks start, the test listener moves, then 10% of production
    advanceSandbox(sb, 70_000);
    d = await deployment(arn);
    expect(d.lifecycleStage).toBe('PRODUCTION_TRAFFIC_SHIFT');
    expect(productionWeights()).toEqual({ blue: 90, green: 10 });
    expect(sb.world.elbv2.getRuleWeights(alb.testRule)).toContainEqual({
      targetGroupArn: alb.green,
      weight: 100,
    });
    expect(d.targetServiceRevision!.requestedProductionTrafficWeight).toBe(10);
    expect(d.sourceServiceRevisions![0].requestedProductionTrafficWeight).toBe(
      90,
    );

    // canary bake: still 10% just before five minutes
    advanceSandbox(sb, 4 * MINUTE);
    expect(productionWeights()).toEqual({ blue: 90, green: 10 });
    advanceSandbox(sb, 1 * MINUTE);
    expect(productionWeights()).toEqual({ blue: 0, green: 100 });
    d = await deployment(arn);
    expect(d.lifecycleStage).toBe('BAKE_TIME');

    // bake time keeps blue tasks for a rollback
    advanceSandbox(sb, 9 * MINUTE);
    let { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['ledger'] }),
    );
    expect(services![0].deployments).toHaveLength(2);
    expect(services![0].runningCount).toBe(4);

    advanceSandbox(sb, 2 * MINUTE);
    d = await deployment(arn);
    expect(d.status).toBe('SUCCESSFUL');
    ({ services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['ledger'] }),
    ));
    expect(services![0].deployments).toHaveLength(1);
    expect(services![0].taskDefinition).toBe(v2);
    expect(services![0].runningCount).toBe(2);
  });

  it('runs a LINEAR deployment in equal steps', async () => {
    const { arn } = await deployV2({
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 },
    });
    advanceSandbox(sb, 70_000);
    const seen = [productionWeights().green];
    for (let i = 0; i < 3; i++) {
      advanceSandbox(sb, 2 * MINUTE);
      seen.push(productionWeights().green);
    }
    expect(seen).toEqual([25, 50, 75, 100]);
    advanceSandbox(sb, MINUTE);
    expect((await deployment(arn)).status).toBe('SUCCESSFUL');
  });

  it('BLUE_GREEN alternates target groups between deployments', async () => {
    const { arn } = await deployV2({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 1,
    });
    advanceSandbox(sb, 70_000);
    expect(productionWeights()).toEqual({ blue: 0, green: 100 });
    advanceSandbox(sb, 2 * MINUTE);
    expect((await deployment(arn)).status).toBe('SUCCESSFUL');

    const v3 = await register('3');
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'shop',
        service: 'ledger',
        taskDefinition: v3,
      }),
    );
    advanceSandbox(sb, 70_000);
    // the third revision goes back to the blue target group
    expect(productionWeights()).toEqual({ blue: 100, green: 0 });
  });

  it('pauses at a lifecycle hook until ContinueServiceDeployment', async () => {
    const { arn } = await deployV2({
      strategy: 'BLUE_GREEN',
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
        } as any,
      ],
    });
    advanceSandbox(sb, 5 * MINUTE);
    let d = await deployment(arn);
    expect(d.lifecycleStage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
    expect(d.lifecycleHookDetails).toEqual([
      expect.objectContaining({
        targetType: 'PAUSE',
        status: 'AWAITING_ACTION',
      }),
    ]);
    expect(productionWeights()).toEqual({ blue: 100, green: 0 });

    await ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: arn,
        hookId: d.lifecycleHookDetails![0].hookId!,
      }),
    );
    advanceSandbox(sb, 10_000);
    d = await deployment(arn);
    expect(d.lifecycleHookDetails![0].status).toBe('SUCCEEDED');
    expect(productionWeights()).toEqual({ blue: 0, green: 100 });
  });

  it('rolls back on StopServiceDeployment, restoring traffic and the old revision', async () => {
    const { v1, arn } = await deployV2({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 10 },
    });
    advanceSandbox(sb, 70_000);
    expect(productionWeights()).toEqual({ blue: 80, green: 20 });

    await ecs.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: arn }),
    );
    expect(productionWeights()).toEqual({ blue: 100, green: 0 });
    let d = await deployment(arn);
    expect(d.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(d.rollback?.serviceRevisionArn).toBe(
      d.sourceServiceRevisions![0].arn,
    );

    advanceSandbox(sb, 40_000);
    d = await deployment(arn);
    expect(d.status).toBe('ROLLBACK_SUCCESSFUL');
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['ledger'] }),
    );
    expect(services![0].taskDefinition).toBe(v1);
    expect(services![0].deployments).toHaveLength(1);

    await expect(
      ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn })),
    ).rejects.toMatchObject({ name: 'ConflictException' });
    await expect(
      ecs.send(
        new StopServiceDeploymentCommand({
          serviceDeploymentArn: `${arn}-nope`,
        }),
      ),
    ).rejects.toBeInstanceOf(ServiceDeploymentNotFoundException);
  });

  it('refuses switching a plain service to BLUE_GREEN, changing nothing', async () => {
    const v1 = await register('1');
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'plain',
        taskDefinition: v1,
        desiredCount: 1,
      }),
    );
    await expect(
      ecs.send(
        new UpdateServiceCommand({
          cluster: 'shop',
          service: 'plain',
          desiredCount: 3,
          deploymentConfiguration: { strategy: 'BLUE_GREEN' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['plain'] }),
    );
    expect(services![0].desiredCount).toBe(1);
    expect(services![0].deploymentConfiguration!.strategy).toBe('ROLLING');
  });

  it('refuses traffic shifting without an alternate target group', async () => {
    const v1 = await register('1');
    await expect(
      ecs.send(
        new CreateServiceCommand({
          cluster: 'shop',
          serviceName: 'bad',
          taskDefinition: v1,
          deploymentConfiguration: { strategy: 'BLUE_GREEN' },
          loadBalancers: [
            {
              targetGroupArn: alb.blue,
              containerName: 'app',
              containerPort: 8080,
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

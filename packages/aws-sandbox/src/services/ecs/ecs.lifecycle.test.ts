import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  waitUntilServicesStable,
  waitUntilTasksRunning,
  type DeploymentConfiguration,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSandbox, type RunningSandbox } from '../../server';
import { advanceSandbox, sandboxClientConfig } from '../../testUtils';
import { createBlueGreenAlb } from '../elbv2/__testUtils__/createAlb';

/* Hooks that time out or fail, deployment history queries, and waiters that have to wait. */

const MINUTE = 60_000;

describe('ECS deployment lifecycle details', () => {
  let sb: RunningSandbox;
  let ecs: ECSClient;
  let alb: Awaited<ReturnType<typeof createBlueGreenAlb>>;
  let revision = 0;

  beforeEach(async () => {
    sb = await startSandbox({ speed: 0 });
    ecs = new ECSClient(sandboxClientConfig(sb));
    const elb = new ElasticLoadBalancingV2Client(sandboxClientConfig(sb));
    alb = await createBlueGreenAlb(elb, 'search-dev');
    elb.destroy();
    await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  });
  afterEach(async () => {
    ecs.destroy();
    await sb.close();
  });

  async function register() {
    revision += 1;
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'search',
        containerDefinitions: [{ name: 'app', image: `search:${revision}` }],
      }),
    );
    return taskDefinition!.taskDefinitionArn!;
  }

  async function createService(
    deploymentConfiguration: DeploymentConfiguration,
  ) {
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'search',
        taskDefinition: await register(),
        desiredCount: 1,
        deploymentConfiguration,
        loadBalancers: [
          {
            targetGroupArn: alb.blue,
            containerName: 'app',
            containerPort: 8080,
            advancedConfiguration: {
              alternateTargetGroupArn: alb.green,
              productionListenerRule: alb.productionRule,
            },
          },
        ],
      }),
    );
    advanceSandbox(sb, 70_000);
  }

  async function update() {
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'shop',
        service: 'search',
        taskDefinition: await register(),
      }),
    );
    const { serviceDeployments } = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'shop', service: 'search' }),
    );
    return serviceDeployments![0].serviceDeploymentArn!;
  }

  async function describe1(arn: string) {
    const { serviceDeployments } = await ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
    );
    return serviceDeployments![0];
  }

  it('rolls back when a pause hook times out', async () => {
    await createService({
      strategy: 'BLUE_GREEN',
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['POST_SCALE_UP'],
          timeoutConfiguration: { timeoutInMinutes: 15, action: 'ROLLBACK' },
        } as any,
      ],
    });
    const arn = await update();
    advanceSandbox(sb, 70_000);
    let d = await describe1(arn);
    expect(d.lifecycleHookDetails![0]).toMatchObject({
      status: 'AWAITING_ACTION',
      timeoutAction: 'ROLLBACK',
    });
    expect(d.lifecycleHookDetails![0].expiresAt).toBeInstanceOf(Date);
    advanceSandbox(sb, 15 * MINUTE);
    d = await describe1(arn);
    expect(d.lifecycleHookDetails![0].status).toBe('TIMED_OUT');
    advanceSandbox(sb, MINUTE);
    d = await describe1(arn);
    expect(d.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(d.rollback?.reason).toMatch(/timed out/);
  });

  it('rolls back when a Lambda hook fails', async () => {
    await createService({
      strategy: 'BLUE_GREEN',
      lifecycleHooks: [
        {
          targetType: 'AWS_LAMBDA',
          hookTargetArn: 'arn:aws:lambda:eu-west-1:111111111111:function:smoke',
          roleArn: 'arn:aws:iam::111111111111:role/hooks',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          hookDetails: { sandboxResult: 'FAILED' },
        } as any,
      ],
    });
    const arn = await update();
    advanceSandbox(sb, 2 * MINUTE);
    const d = await describe1(arn);
    expect(d.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(d.lifecycleHookDetails![0]).toMatchObject({
      status: 'FAILED',
      targetType: 'AWS_LAMBDA',
    });
    expect(sb.world.elbv2.getRuleWeights(alb.productionRule)).toContainEqual({
      targetGroupArn: alb.blue,
      weight: 100,
    });
  });

  it('filters and pages deployment history, newest first', async () => {
    await createService({ strategy: 'BLUE_GREEN' });
    for (let i = 0; i < 4; i++) {
      await update();
      advanceSandbox(sb, 3 * MINUTE);
    }
    const first = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: 'shop',
        service: 'search',
        maxResults: 3,
      }),
    );
    expect(first.serviceDeployments).toHaveLength(3);
    const second = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: 'shop',
        service: 'search',
        maxResults: 3,
        nextToken: first.nextToken,
      }),
    );
    expect(second.serviceDeployments).toHaveLength(2);
    expect(second.nextToken).toBeUndefined();
    const times = [
      ...first.serviceDeployments!,
      ...second.serviceDeployments!,
    ].map(d => d.createdAt!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const cutoff = new Date(times[1]);
    const older = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: 'shop',
        service: 'search',
        createdAt: { before: cutoff },
        status: ['SUCCESSFUL'],
      }),
    );
    expect(older.serviceDeployments!.map(d => d.createdAt!.getTime())).toEqual(
      times.slice(2),
    );
  });

  it('lets the SDK waiters poll until the clock has moved', async () => {
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'plain',
        taskDefinition: await register(),
        desiredCount: 2,
      }),
    );
    const { taskArns } = await ecs.send(
      new ListTasksCommand({ cluster: 'shop', serviceName: 'plain' }),
    );
    const moveClock = setTimeout(() => advanceSandbox(sb, 70_000), 200);
    try {
      const [tasks, services] = await Promise.all([
        waitUntilTasksRunning(
          { client: ecs, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
          { cluster: 'shop', tasks: taskArns },
        ),
        waitUntilServicesStable(
          { client: ecs, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
          { cluster: 'shop', services: ['plain'] },
        ),
      ]);
      expect(tasks.state).toBe('SUCCESS');
      expect(services.state).toBe('SUCCESS');
    } finally {
      clearTimeout(moveClock);
    }
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['plain'] }),
    );
    expect(services![0].events![0].message).toBe(
      '(service plain) has reached a steady state.',
    );
  });
});

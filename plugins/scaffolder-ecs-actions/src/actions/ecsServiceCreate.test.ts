import {
  CreateServiceCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeRulesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
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
import { createEcsServiceCreateAction } from './ecsServiceCreate';

describe('ecs:service:create against the sandbox', () => {
  let sandbox: Sandbox;
  let harness: ReturnType<typeof createTestOptions>;
  let action: ReturnType<typeof createEcsServiceCreateAction>;
  const dev = () =>
    harness.clients.forResource({
      accountId: ACCOUNTS.dev,
      region: 'eu-west-1',
    });

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url);
    action = createEcsServiceCreateAction(harness.options);
    await createClusters(harness.clients);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.callLog.reset();
    sandbox.faults.clear();
  });

  const input = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    environment: 'dev',
    containerPort: 8080,
    size: '512/1024',
    ...extra,
  });

  it('creates a CODE_DEPLOY service behind blue/green target groups, then nothing on a second run', async () => {
    const out = await runAction(action, input('payments-api'));
    expect(out).toMatchObject({
      serviceArn:
        'arn:aws:ecs:eu-west-1:111111111111:service/storefront-dev/payments-api',
      serviceName: 'payments-api',
      clusterName: 'storefront-dev',
      blueTargetGroupName: 'payments-api-dev-blue',
      greenTargetGroupName: 'payments-api-dev-green',
      deploymentController: 'CODE_DEPLOY',
      taskDefinitionArn: expect.stringContaining(
        ':task-definition/payments-api-dev:1',
      ),
      consoleUrl: expect.stringContaining(
        '/ecs/v2/clusters/storefront-dev/services/payments-api',
      ),
      loadBalancerConsoleUrl: expect.stringContaining(
        '#LoadBalancer:loadBalancerArn=arn:aws:',
      ),
    });
    expect(out.created).toEqual([
      'load balancer payments-api-dev',
      'target group payments-api-dev-blue',
      'target group payments-api-dev-green',
      'production listener :80',
      'test listener :8080',
      'task definition payments-api-dev',
      'ECS service payments-api (CODE_DEPLOY)',
    ]);

    const { ecs, elbv2 } = await dev();
    const { services } = await ecs.send(
      new DescribeServicesCommand({
        cluster: 'storefront-dev',
        services: ['payments-api'],
        include: ['TAGS'],
      }),
    );
    expect(services?.[0]).toMatchObject({
      deploymentController: { type: 'CODE_DEPLOY' },
      launchType: 'FARGATE',
      loadBalancers: [
        {
          targetGroupArn: out.blueTargetGroupArn,
          containerName: 'payments-api',
          containerPort: 8080,
        },
      ],
    });
    expect(services?.[0].tags).toEqual(
      expect.arrayContaining([
        { key: 'backstage.io/entity', value: 'component:default/payments-api' },
        { key: 'environment', value: 'dev' },
      ]),
    );
    const { Listeners } = await elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: out.loadBalancerArn }),
    );
    expect(
      Listeners?.map(l => [
        l.Port,
        l.DefaultActions?.[0]?.TargetGroupArn,
      ]).sort(),
    ).toEqual([
      [80, out.blueTargetGroupArn],
      [8080, out.blueTargetGroupArn],
    ]);

    const before = mutations(sandbox);
    const again = await runAction(action, input('payments-api'));
    expect(again.created).toEqual([]);
    expect(again.serviceArn).toBe(out.serviceArn);
    expect(again.productionListenerArn).toBe(out.productionListenerArn);
    expect(mutations(sandbox)).toEqual(before);
  });

  it('creates nothing in a dry run and says what it would create', async () => {
    const out = await runAction(action, input('dry-api'), { isDryRun: true });
    expect(out.created).toEqual([]);
    expect(out.serviceArn).toBe(
      'arn:aws:ecs:eu-west-1:111111111111:service/storefront-dev/dry-api',
    );
    expect(mutations(sandbox)).toEqual({});
  });

  it('finishes after a failure mid-way without duplicating what exists', async () => {
    sandbox.faults.set('ecs:CreateService', { errorRate: 1 });
    const store = createCheckpointStore();
    await expect(
      runAction(action, input('flaky-api'), { store }),
    ).rejects.toThrow(/creating the ECS service/);
    sandbox.faults.clear();
    // The retried task (same checkpoints) completes ...
    const out = await runAction(action, input('flaky-api'), { store });
    expect(out.serviceArn).toContain('service/storefront-dev/flaky-api');
    // ... and a brand-new task finds everything by lookup.
    const fresh = await runAction(action, input('flaky-api'));
    expect(fresh.created).toEqual([]);
    const counts = mutations(sandbox);
    expect(counts['elbv2:CreateLoadBalancer']).toBe(1);
    expect(counts['ecs:RegisterTaskDefinition']).toBe(1);
  });

  it('a new task finishes what a task that failed at the listeners left', async () => {
    sandbox.faults.set('elbv2:CreateListener', { errorRate: 1 });
    await expect(runAction(action, input('half-api'))).rejects.toThrow(
      /creating the production listener/,
    );
    sandbox.faults.clear();
    const out = await runAction(action, input('half-api'));
    expect(out.created).toEqual([
      'production listener :80',
      'test listener :8080',
      'task definition half-api-dev',
      'ECS service half-api (CODE_DEPLOY)',
    ]);
    const counts = mutations(sandbox);
    expect(counts['elbv2:CreateLoadBalancer']).toBe(1);
    expect(counts['elbv2:CreateTargetGroup']).toBe(2);
  });

  it('creates an ECS native canary service with listener rules', async () => {
    const out = await runAction(
      action,
      input('ledger-api', { deploymentController: 'ECS', strategy: 'CANARY' }),
    );
    const { ecs, elbv2 } = await dev();
    const { services } = await ecs.send(
      new DescribeServicesCommand({
        cluster: 'storefront-dev',
        services: ['ledger-api'],
      }),
    );
    expect(services?.[0]).toMatchObject({
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
      },
    });
    const advanced = services?.[0].loadBalancers?.[0].advancedConfiguration;
    expect(advanced?.alternateTargetGroupArn).toBe(out.greenTargetGroupArn);
    const { Rules } = await elbv2.send(
      new DescribeRulesCommand({ ListenerArn: out.productionListenerArn }),
    );
    expect(Rules?.map(r => r.RuleArn)).toContain(
      advanced?.productionListenerRule,
    );
  });

  it('takes the unused listeners of a given load balancer', async () => {
    const { elbv2 } = await dev();
    const lb = await elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'shared-claim-dev',
        Subnets: ['subnet-0a', 'subnet-0b'],
      }),
    );
    for (const Port of [80, 8080]) {
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancers![0].LoadBalancerArn,
          Protocol: 'HTTP',
          Port,
          DefaultActions: [
            {
              Type: 'fixed-response',
              FixedResponseConfig: { StatusCode: '404' },
            },
          ],
        }),
      );
    }
    const out = await runAction(
      action,
      input('claim-api', { loadBalancer: 'shared-claim-dev' }),
    );
    expect(out.loadBalancerArn).toBe(lb.LoadBalancers![0].LoadBalancerArn);
    expect(out.created).not.toContain('production listener :80');
    const { Listeners } = await elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: out.loadBalancerArn }),
    );
    expect(Listeners?.map(l => l.DefaultActions?.[0]?.TargetGroupArn)).toEqual([
      out.blueTargetGroupArn,
      out.blueTargetGroupArn,
    ]);

    // A second service cannot take the same listeners.
    sandbox.callLog.reset();
    await expect(
      runAction(
        action,
        input('second-api', { loadBalancer: 'shared-claim-dev' }),
      ),
    ).rejects.toThrow(
      /^productionListener: listener .* already forwards to another target group/,
    );
    expect(mutations(sandbox)).toEqual({});
  });

  it('refuses a task definition family another entity owns', async () => {
    const { ecs } = await dev();
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'borrowed-api-dev',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: 'nginx' }],
        tags: [
          { key: 'backstage.io/entity', value: 'component:default/other' },
        ],
      }),
    );
    sandbox.callLog.reset();
    await expect(runAction(action, input('borrowed-api'))).rejects.toThrow(
      "name: task definition family 'borrowed-api-dev' belongs to component:default/other",
    );
    expect(mutations(sandbox)).toEqual({});
  });

  describe('bad input fails naming the field before creating anything', () => {
    it.each([
      [
        { size: '256/4096' },
        /^size: Fargate does not offer 4096 MiB with 256 CPU units/,
      ],
      [
        { size: undefined, cpu: 512, memory: 512 },
        /^memory: Fargate does not offer 512 MiB/,
      ],
      [{ name: 'payments api' }, /^name 'payments api' is not a valid name/],
      [
        { containerPort: 70000 },
        /^containerPort: containerPort must be 1-65535/,
      ],
      [
        { strategy: 'CANARY' },
        /strategy CANARY needs deploymentController ECS/,
      ],
      [{ environment: 'qa' }, /^accountId is required/],
    ])('%j', async (override, message) => {
      await expect(
        runAction(action, { ...input('bad-api'), ...override }),
      ).rejects.toThrow(message);
      expect(mutations(sandbox)).toEqual({});
    });

    it('a cluster that does not exist', async () => {
      await expect(
        runAction(action, input('bad-api', { cluster: 'nope' })),
      ).rejects.toThrow(/^cluster: ECS cluster 'nope' does not exist/);
      expect(mutations(sandbox)).toEqual({});
    });

    it('a service name that is taken', async () => {
      const { ecs } = await dev();
      const td = await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'someone-elses',
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          containerDefinitions: [{ name: 'app', image: 'nginx' }],
        }),
      );
      await ecs.send(
        new CreateServiceCommand({
          cluster: 'storefront-dev',
          serviceName: 'taken-api',
          taskDefinition: td.taskDefinition!.taskDefinitionArn,
          launchType: 'FARGATE',
          networkConfiguration: {
            awsvpcConfiguration: { subnets: ['subnet-0a'] },
          },
        }),
      );
      sandbox.callLog.reset();
      await expect(runAction(action, input('taken-api'))).rejects.toThrow(
        /^name: an ECS service 'taken-api' already exists in cluster storefront-dev/,
      );
      expect(mutations(sandbox)).toEqual({});
    });

    it('a listener that does not exist on the given load balancer', async () => {
      const { elbv2 } = await dev();
      const lb = await elbv2.send(
        new CreateLoadBalancerCommand({
          Name: 'shared-dev',
          Subnets: ['subnet-0a', 'subnet-0b'],
        }),
      );
      const tg = await elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'shared-dev-default',
          Protocol: 'HTTP',
          Port: 80,
          VpcId: lb.LoadBalancers![0].VpcId,
          TargetType: 'ip',
        }),
      );
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancers![0].LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [
            {
              Type: 'forward',
              TargetGroupArn: tg.TargetGroups![0].TargetGroupArn,
            },
          ],
        }),
      );
      sandbox.callLog.reset();
      await expect(
        runAction(action, input('lonely-api', { loadBalancer: 'shared-dev' })),
      ).rejects.toThrow(
        /^testListenerPort: load balancer 'shared-dev' has no listener on port 8080/,
      );
      await expect(
        runAction(action, input('lonely-api', { loadBalancer: 'no-such-alb' })),
      ).rejects.toThrow(/^loadBalancer: no load balancer 'no-such-alb'/);
      expect(mutations(sandbox)).toEqual({});
    });
  });
});

import {
  CreateServiceCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
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
      /creating the listener/,
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

  it('holds an ECS canary with a pause hook after test traffic, when asked', async () => {
    await runAction(
      action,
      input('held-api', {
        deploymentController: 'ECS',
        strategy: 'CANARY',
        holdBeforeTraffic: true,
        holdTimeoutMinutes: 30,
        bakeTimeInMinutes: 12,
      }),
    );
    const { ecs } = await dev();
    const { services } = await ecs.send(
      new DescribeServicesCommand({
        cluster: 'storefront-dev',
        services: ['held-api'],
      }),
    );
    expect(services?.[0].deploymentConfiguration).toMatchObject({
      bakeTimeInMinutes: 12,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' },
        },
      ],
    });
    await expect(
      runAction(
        action,
        input('held-worker', {
          deploymentController: 'ECS',
          strategy: 'ROLLING',
          holdBeforeTraffic: true,
        }),
      ),
    ).rejects.toThrow(
      /^holdBeforeTraffic: a rolling service has no test traffic/,
    );
    await expect(
      runAction(action, input('held-cd', { holdBeforeTraffic: true })),
    ).rejects.toThrow(
      /^holdBeforeTraffic: a CODE_DEPLOY service holds at READY/,
    );
  });

  it('creates a worker without a load balancer that stops the old task before starting the new one', async () => {
    const out = await runAction(
      action,
      input('orders-worker', {
        deploymentController: 'ECS',
        strategy: 'ROLLING',
        loadBalanced: false,
      }),
    );
    expect(out.created).toEqual([
      'task definition orders-worker-dev',
      'ECS service orders-worker (ECS ROLLING)',
    ]);
    expect(out.loadBalancerArn).toBe('');
    const { ecs } = await dev();
    const { services } = await ecs.send(
      new DescribeServicesCommand({
        cluster: 'storefront-dev',
        services: ['orders-worker'],
      }),
    );
    expect(services?.[0].loadBalancers).toEqual([]);
    expect(services?.[0].deploymentConfiguration).toMatchObject({
      minimumHealthyPercent: 0,
      maximumPercent: 100,
    });
    expect(mutations(sandbox)).not.toHaveProperty('elbv2:CreateLoadBalancer');
    await expect(
      runAction(action, input('bg-worker', { loadBalanced: false })),
    ).rejects.toThrow(/^loadBalanced: only a ROLLING service/);
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
    const refusal = runAction(action, input('borrowed-api'));
    await expect(refusal).rejects.toThrow(
      /name: task definition family 'borrowed-api-dev' \(111111111111\/eu-west-1\) exists and is not tagged backstage.io\/entity=component:default\/borrowed-api/,
    );
    await expect(refusal).rejects.not.toThrow(/component:default\/other/);
    expect(mutations(sandbox)).toEqual({});
  });

  it("refuses a load balancer of that name that is someone else's, before creating anything", async () => {
    const { elbv2 } = await dev();
    await elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'squatted-api-dev',
        Subnets: ['subnet-0a', 'subnet-0b'],
      }),
    );
    sandbox.callLog.reset();
    await expect(runAction(action, input('squatted-api'))).rejects.toThrow(
      /load balancer 'squatted-api-dev' .* exists and is not tagged/,
    );
    expect(mutations(sandbox)).toEqual({});
  });

  describe('takes no AWS resource, account or role as input', () => {
    it.each([
      [
        {
          taskRoleArn:
            'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole',
        },
        'taskRoleArn',
      ],
      [
        { executionRoleArn: 'arn:aws:iam::111111111111:role/Admin' },
        'executionRoleArn',
      ],
      [
        { ecsInfrastructureRoleArn: 'arn:aws:iam::111111111111:role/Admin' },
        'ecsInfrastructureRoleArn',
      ],
      [{ accountId: ACCOUNTS.prod }, 'accountId'],
      [{ region: 'us-east-1' }, 'region'],
      [{ cluster: 'storefront-prod' }, 'cluster'],
      [{ loadBalancer: 'checkout-web-prod' }, 'loadBalancer'],
      [
        {
          productionListenerArn:
            'arn:aws:elasticloadbalancing:eu-west-1:333333333333:listener/app/checkout-web-prod/1/2',
        },
        'productionListenerArn',
      ],
      [{ blueTargetGroup: 'checkout-web-prod-blue' }, 'blueTargetGroup'],
      [{ image: 'public.ecr.aws/evil/miner:latest' }, 'image'],
      [{ entityRef: 'component:default/checkout-web' }, 'entityRef'],
      [{ subnets: ['subnet-other'] }, 'subnets'],
    ])('%j', async (override, field) => {
      await expect(
        runAction(action, { ...input('bad-api'), ...override }),
      ).rejects.toThrow(new RegExp(`^${field}: not an input of this action`));
      expect(sandbox.callLog.total()).toBe(0);
    });
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
        /strategy: CANARY needs deploymentController ECS/,
      ],
      [
        { environment: 'qa' },
        /^environment: 'qa' is not an environment of ecsDeploy.scaffolder.environments \(dev, staging, prod\)/,
      ],
      [
        { healthCheckPath: 'http://x' },
        /^healthCheckPath: healthCheckPath must be a URL path/,
      ],
    ])('%j', async (override, message) => {
      await expect(
        runAction(action, { ...input('bad-api'), ...override }),
      ).rejects.toThrow(message);
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
        /name: ECS service 'taken-api' in cluster storefront-dev .* exists and is not tagged/,
      );
      expect(mutations(sandbox)).toEqual({});
    });

    it("another team's component, or an owner team the caller is not in", async () => {
      await expect(
        runAction(action, input('checkout-web', { environment: 'prod' })),
      ).rejects.toThrow(
        /^name: component:default\/checkout-web already exists/,
      );
      await expect(
        runAction(
          action,
          input('new-api', { owner: 'group:default/team-checkout' }),
        ),
      ).rejects.toThrow(/^owner: user:default\/jane is not a member/);
      expect(sandbox.callLog.total()).toBe(0);
    });
  });
});

describe('ecs:service:create on a shared load balancer', () => {
  let sandbox: Sandbox;
  let action: ReturnType<typeof createEcsServiceCreateAction>;
  let elbv2: ElasticLoadBalancingV2Client;
  let listeners: Record<number, string>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const harness = createTestOptions(sandbox.url, '/nonexistent', {
      sharedLoadBalancer: {
        name: 'platform-dev',
        hostPattern: '{name}.dev.example.com',
      },
    });
    action = createEcsServiceCreateAction(harness.options);
    await createClusters(harness.clients);
    ({ elbv2 } = await harness.clients.forResource({
      accountId: ACCOUNTS.dev,
      region: 'eu-west-1',
    }));
    // The platform team's ALB: untagged, with a fixed response by default and
    // one team's host already routed.
    const lb = await elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'platform-dev',
        Subnets: ['subnet-0a', 'subnet-0b'],
      }),
    );
    const tg = await elbv2.send(
      new CreateTargetGroupCommand({
        Name: 'other-team-tg',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: lb.LoadBalancers![0].VpcId,
        TargetType: 'ip',
      }),
    );
    listeners = {};
    for (const Port of [80, 8080]) {
      const created = await elbv2.send(
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
      listeners[Port] = created.Listeners![0].ListenerArn!;
      await elbv2.send(
        new CreateRuleCommand({
          ListenerArn: listeners[Port],
          Priority: 1,
          Conditions: [
            {
              Field: 'host-header',
              HostHeaderConfig: { Values: ['claimed-api.dev.example.com'] },
            },
          ],
          Actions: [
            {
              Type: 'forward',
              TargetGroupArn: tg.TargetGroups![0].TargetGroupArn,
            },
          ],
          Tags: [
            {
              Key: 'backstage.io/entity',
              Value: 'component:default/someone-else',
            },
          ],
        }),
      );
    }
  });
  afterAll(() => sandbox.close());

  const input = (name: string) => ({
    name,
    environment: 'dev',
    containerPort: 8080,
    size: '512/1024',
    deploymentController: 'ECS',
    strategy: 'LINEAR',
  });

  it("routes the service by a rule for its own host and leaves the listeners' default actions alone", async () => {
    const out = await runAction(action, input('search-x'));
    expect(out.created).toEqual([
      'target group search-x-dev-blue',
      'target group search-x-dev-green',
      'production listener rule for search-x.dev.example.com',
      'test listener rule for search-x.dev.example.com',
      'task definition search-x-dev',
      'ECS service search-x (ECS LINEAR)',
    ]);
    expect(out.productionListenerArn).toBe(listeners[80]);
    const { Rules } = await elbv2.send(
      new DescribeRulesCommand({ ListenerArn: listeners[80] }),
    );
    const ours = Rules!.find(r => r.Priority === '2');
    expect(ours?.Conditions).toEqual([
      expect.objectContaining({
        Field: 'host-header',
        HostHeaderConfig: { Values: ['search-x.dev.example.com'] },
      }),
    ]);
    const { Listeners } = await elbv2.send(
      new DescribeListenersCommand({ ListenerArns: [listeners[80]] }),
    );
    expect(Listeners?.[0].DefaultActions?.[0].Type).toBe('fixed-response');
    expect(mutations(sandbox)).not.toHaveProperty('elbv2:ModifyListener');
  });

  it("refuses a host another component's rule routes, before creating anything", async () => {
    sandbox.callLog.reset();
    await expect(runAction(action, input('claimed-api'))).rejects.toThrow(
      /host claimed-api.dev.example.com is already routed by a rule on the production listener that is not tagged for component:default\/claimed-api/,
    );
    expect(mutations(sandbox)).toEqual({});
  });
});

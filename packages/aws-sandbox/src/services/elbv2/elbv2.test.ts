import {
  AddTagsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  DuplicateLoadBalancerNameException,
  ElasticLoadBalancingV2Client,
  ListenerNotFoundException,
  ModifyListenerCommand,
  ModifyRuleCommand,
  CreateLoadBalancerCommand,
  TargetGroupNotFoundException,
  paginateDescribeLoadBalancers,
  RuleNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { startSandbox, type RunningSandbox } from '../../server';
import { advanceSandbox, sandboxClientConfig } from '../../testUtils';
import { createBlueGreenAlb } from './__testUtils__/createAlb';

describe('ELBv2 (Query protocol)', () => {
  let sb: RunningSandbox;
  let elb: ElasticLoadBalancingV2Client;

  beforeEach(async () => {
    sb = await startSandbox();
    elb = new ElasticLoadBalancingV2Client(sandboxClientConfig(sb));
  });
  afterEach(async () => {
    elb.destroy();
    await sb.close();
  });

  it('creates and describes load balancers, target groups, listeners and rules', async () => {
    const alb = await createBlueGreenAlb(elb, 'shop-dev');
    expect(alb.lbArn).toMatch(
      /^arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer\/app\/shop-dev\/[0-9a-f]{16}$/,
    );
    const { LoadBalancers } = await elb.send(
      new DescribeLoadBalancersCommand({ Names: ['shop-dev'] }),
    );
    expect(LoadBalancers![0]).toMatchObject({
      LoadBalancerName: 'shop-dev',
      Type: 'application',
      State: { Code: 'active' },
    });
    expect(LoadBalancers![0].CreatedTime).toBeInstanceOf(Date);

    const { TargetGroups } = await elb.send(
      new DescribeTargetGroupsCommand({ LoadBalancerArn: alb.lbArn }),
    );
    expect(TargetGroups!.map(t => t.TargetGroupName)).toEqual([
      'shop-dev-blue',
    ]);
    expect(TargetGroups![0].Port).toBe(8080);

    const { Listeners } = await elb.send(
      new DescribeListenersCommand({ LoadBalancerArn: alb.lbArn }),
    );
    expect(Listeners!.map(l => l.Port)).toEqual([80, 8080]);
    expect(Listeners![0].DefaultActions![0]).toMatchObject({
      Type: 'forward',
      TargetGroupArn: alb.blue,
      ForwardConfig: {
        TargetGroups: [{ TargetGroupArn: alb.blue, Weight: 1 }],
      },
    });

    const { Rules } = await elb.send(
      new DescribeRulesCommand({ ListenerArn: alb.production }),
    );
    expect(Rules).toHaveLength(1);
    expect(Rules![0]).toMatchObject({ IsDefault: true, Priority: 'default' });
  });

  it('shifts weights through ModifyListener and ModifyRule alike', async () => {
    const alb = await createBlueGreenAlb(elb, 'shop-dev');
    await elb.send(
      new ModifyListenerCommand({
        ListenerArn: alb.production,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: alb.blue, Weight: 90 },
                { TargetGroupArn: alb.green, Weight: 10 },
              ],
            },
          },
        ],
      }),
    );
    expect(sb.world.elbv2.getRuleWeights(alb.productionRule)).toEqual([
      { targetGroupArn: alb.blue, weight: 90 },
      { targetGroupArn: alb.green, weight: 10 },
    ]);
    const modified = await elb.send(
      new ModifyRuleCommand({
        RuleArn: alb.productionRule,
        Actions: [{ Type: 'forward', TargetGroupArn: alb.green }],
      }),
    );
    expect(modified.Rules![0].Actions![0].TargetGroupArn).toBe(alb.green);
    const { Listeners } = await elb.send(
      new DescribeListenersCommand({ ListenerArns: [alb.production] }),
    );
    expect(
      Listeners![0].DefaultActions![0].ForwardConfig!.TargetGroups,
    ).toEqual([{ TargetGroupArn: alb.green, Weight: 1 }]);
  });

  it('tags resources and paginates with markers', async () => {
    for (let i = 0; i < 5; i++) {
      await elb.send(new CreateLoadBalancerCommand({ Name: `lb-${i}` }));
    }
    const names: string[] = [];
    for await (const page of paginateDescribeLoadBalancers(
      { client: elb, pageSize: 2 },
      {},
    )) {
      names.push(...page.LoadBalancers!.map(l => l.LoadBalancerName!));
    }
    expect(names).toEqual(['lb-0', 'lb-1', 'lb-2', 'lb-3', 'lb-4']);

    const { LoadBalancers } = await elb.send(
      new DescribeLoadBalancersCommand({ Names: ['lb-0'] }),
    );
    const arn = LoadBalancers![0].LoadBalancerArn!;
    await elb.send(
      new AddTagsCommand({
        ResourceArns: [arn],
        Tags: [{ Key: 'environment', Value: 'dev' }],
      }),
    );
    const { TagDescriptions } = await elb.send(
      new DescribeTagsCommand({ ResourceArns: [arn] }),
    );
    expect(TagDescriptions).toEqual([
      { ResourceArn: arn, Tags: [{ Key: 'environment', Value: 'dev' }] },
    ]);
  });

  it('reports ECS tasks as targets and their health', async () => {
    const alb = await createBlueGreenAlb(elb, 'shop-dev');
    const ecs = new ECSClient(sandboxClientConfig(sb));
    await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [{ name: 'web', image: 'web:1' }],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'web',
        taskDefinition: taskDefinition!.taskDefinitionArn,
        desiredCount: 2,
        loadBalancers: [
          {
            targetGroupArn: alb.blue,
            containerName: 'web',
            containerPort: 8080,
          },
        ],
      }),
    );
    const health = async () =>
      (
        await elb.send(
          new DescribeTargetHealthCommand({ TargetGroupArn: alb.blue }),
        )
      ).TargetHealthDescriptions!.map(t => t.TargetHealth!.State);
    expect(await health()).toEqual(['initial', 'initial']);
    advanceSandbox(sb, 70_000);
    expect(await health()).toEqual(['healthy', 'healthy']);

    // scaled in: the stopped task drains, then leaves the target group
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'shop',
        service: 'web',
        desiredCount: 1,
      }),
    );
    sb.world.tick();
    expect((await health()).sort()).toEqual(['draining', 'healthy']);
    advanceSandbox(sb, 30_000);
    expect(await health()).toEqual(['healthy']);
    ecs.destroy();
  });

  it('answers injected faults in Query shapes', async () => {
    sb.faults.set('elbv2:DescribeLoadBalancers', { throttleRate: 1 });
    await expect(
      elb.send(new DescribeLoadBalancersCommand({})),
    ).rejects.toMatchObject({
      name: 'Throttling',
      $metadata: { httpStatusCode: 400 },
    });
    sb.faults.set('elbv2:DescribeLoadBalancers', {
      errorRate: 1,
      errorCode: 'ServiceUnavailable',
    });
    await expect(
      elb.send(new DescribeLoadBalancersCommand({})),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
    });
    sb.faults.set('elbv2:*', { dropRate: 1 });
    await expect(
      elb.send(new DescribeLoadBalancersCommand({})),
    ).rejects.toThrow();
    expect(sb.callLog.count('elbv2:DescribeLoadBalancers')).toBe(3);
  });

  it('raises the real exception classes', async () => {
    await expect(
      elb.send(
        new DescribeListenersCommand({
          ListenerArns: [
            'arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/x/1/2',
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(ListenerNotFoundException);
    await expect(
      elb.send(
        new DescribeTargetHealthCommand({
          TargetGroupArn:
            'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/x/1',
        }),
      ),
    ).rejects.toBeInstanceOf(TargetGroupNotFoundException);
    await expect(
      elb.send(
        new ModifyRuleCommand({
          RuleArn:
            'arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener-rule/app/x/1/2/3',
        }),
      ),
    ).rejects.toBeInstanceOf(RuleNotFoundException);
    await elb.send(new CreateLoadBalancerCommand({ Name: 'twice' }));
    await expect(
      elb.send(new CreateLoadBalancerCommand({ Name: 'twice' })),
    ).rejects.toBeInstanceOf(DuplicateLoadBalancerNameException);
    await expect(
      elb.send(new CreateLoadBalancerCommand({} as any)),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });
});

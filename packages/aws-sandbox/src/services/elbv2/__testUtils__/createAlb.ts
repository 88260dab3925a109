import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeRulesCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';

/** An ALB as blue/green deployments need it: blue and green target groups, production (80) and test (8080) listeners. */
export async function createBlueGreenAlb(
  elb: ElasticLoadBalancingV2Client,
  name: string,
) {
  const { LoadBalancers } = await elb.send(
    new CreateLoadBalancerCommand({
      Name: name,
      Subnets: ['subnet-1', 'subnet-2'],
    }),
  );
  const lbArn = LoadBalancers![0].LoadBalancerArn!;
  const targetGroup = async (suffix: string) =>
    (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: `${name}-${suffix}`,
          Protocol: 'HTTP',
          Port: 8080,
          TargetType: 'ip',
          VpcId: 'vpc-1',
        }),
      )
    ).TargetGroups![0].TargetGroupArn!;
  const blue = await targetGroup('blue');
  const green = await targetGroup('green');
  const listener = async (port: number) =>
    (
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Port: port,
          Protocol: 'HTTP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }],
        }),
      )
    ).Listeners![0].ListenerArn!;
  const production = await listener(80);
  const test = await listener(8080);
  const defaultRule = async (listenerArn: string) =>
    (
      await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }))
    ).Rules!.find(r => r.IsDefault)!.RuleArn!;
  return {
    lbArn,
    blue,
    green,
    production,
    test,
    productionRule: await defaultRule(production),
    testRule: await defaultRule(test),
  };
}

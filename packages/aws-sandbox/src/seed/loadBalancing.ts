import type { SeedContext } from '../core/types';
import type { FleetService } from './catalog';
import {
  awsTags,
  SECURITY_GROUP,
  SUBNETS,
  VPC,
  type CreatedService,
  type Placement,
} from './infrastructure';
import { albName, targetGroupName } from './names';

/** @public */
export async function createLoadBalancing(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
): Promise<Omit<CreatedService, 'serviceArn'>> {
  const where = { accountId: at.accountId, region: at.region };
  const tg = async (color: 'blue' | 'green') =>
    (
      await ctx.invoke(
        'elbv2',
        'CreateTargetGroup',
        {
          Name: targetGroupName(service.name, at.env, color),
          Protocol: 'HTTP',
          Port: String(service.containerPort),
          VpcId: VPC,
          TargetType: 'ip',
          HealthCheckPath: '/health',
          Tags: awsTags(service, at.env),
        },
        where,
      )
    ).TargetGroups[0].TargetGroupArn as string;
  const blueTargetGroupArn = await tg('blue');
  const greenTargetGroupArn = await tg('green');
  const lb = await ctx.invoke(
    'elbv2',
    'CreateLoadBalancer',
    {
      Name: albName(service.name, at.env),
      Subnets: SUBNETS,
      SecurityGroups: [SECURITY_GROUP],
      Scheme: 'internet-facing',
      Type: 'application',
      Tags: awsTags(service, at.env),
    },
    where,
  );
  const loadBalancerArn = lb.LoadBalancers[0].LoadBalancerArn as string;
  const listener = async (port: number) =>
    (
      await ctx.invoke(
        'elbv2',
        'CreateListener',
        {
          LoadBalancerArn: loadBalancerArn,
          Protocol: 'HTTP',
          Port: String(port),
          DefaultActions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [
                  { TargetGroupArn: blueTargetGroupArn, Weight: '100' },
                  { TargetGroupArn: greenTargetGroupArn, Weight: '0' },
                ],
              },
            },
          ],
          Tags: awsTags(service, at.env),
        },
        where,
      )
    ).Listeners[0].ListenerArn as string;
  return {
    blueTargetGroupArn,
    greenTargetGroupArn,
    prodListenerArn: await listener(80),
    testListenerArn: await listener(8080),
  };
}

export async function defaultRuleOf(
  ctx: SeedContext,
  listenerArn: string,
  where: object,
) {
  const rules = await ctx.invoke(
    'elbv2',
    'DescribeRules',
    { ListenerArn: listenerArn },
    where,
  );
  const all = rules.Rules as {
    RuleArn: string;
    IsDefault?: boolean | string;
  }[];
  return (
    all.find(r => r.IsDefault === true || r.IsDefault === 'true') ?? all[0]
  ).RuleArn;
}

import type { FleetCaller } from './fleetCaller';
import { FLEET_NETWORK, type FleetNetwork } from './network';
import type { ResourceTag } from './tags';

/** @public */
export interface BlueGreenAlbSpec {
  /** The load balancer's name. */
  name: string;
  /** Default `<name>-blue` and `<name>-green`. */
  targetGroupNames?: { blue: string; green: string };
  /** The port the target groups route to (default 8080). */
  containerPort?: number;
  network?: FleetNetwork;
  tags?: ResourceTag[];
  /**
   * Listeners forward to both target groups, green at weight 0, as
   * CodeDeploy leaves them after a deployment (views show green standing
   * by); by default they forward to blue alone, as a new ALB does.
   */
  standbyGreen?: boolean;
}

/**
 * An ALB as blue/green deployments need it. `production` (port 80) and
 * `test` (port 8080) are listener ARNs, `productionRule` and `testRule`
 * their default rules (what ECS blue/green strategies shift).
 *
 * @public
 */
export interface BlueGreenAlb {
  lbArn: string;
  /** Target group ARNs. */
  blue: string;
  green: string;
  targetGroupNames: { blue: string; green: string };
  production: string;
  test: string;
  productionRule: string;
  testRule: string;
}

/**
 * A listener's default action forwarding to target groups by weight.
 *
 * @public
 */
export function forwardByWeight(weights: { arn: string; weight: number }[]) {
  return [
    {
      Type: 'forward' as const,
      ForwardConfig: {
        TargetGroups: weights.map(w => ({
          TargetGroupArn: w.arn,
          Weight: w.weight,
        })),
      },
    },
  ];
}

/**
 * Creates blue and green target groups, the load balancer and both
 * listeners, forwarding to blue; deployments move traffic to green.
 *
 * @public
 */
export async function createBlueGreenAlb(
  caller: FleetCaller,
  spec: BlueGreenAlbSpec,
): Promise<BlueGreenAlb> {
  const network = spec.network ?? FLEET_NETWORK;
  const targetGroupNames = spec.targetGroupNames ?? {
    blue: `${spec.name}-blue`,
    green: `${spec.name}-green`,
  };
  const targetGroup = async (name: string) =>
    (
      await caller.call('elbv2', 'CreateTargetGroup', {
        Name: name,
        Protocol: 'HTTP',
        Port: spec.containerPort ?? 8080,
        VpcId: network.vpcId,
        TargetType: 'ip',
        HealthCheckPath: '/health',
        Tags: spec.tags,
      })
    ).TargetGroups![0].TargetGroupArn!;
  const blue = await targetGroup(targetGroupNames.blue);
  const green = await targetGroup(targetGroupNames.green);
  const { LoadBalancers } = await caller.call('elbv2', 'CreateLoadBalancer', {
    Name: spec.name,
    Subnets: network.subnets,
    SecurityGroups: network.securityGroups,
    Scheme: 'internet-facing',
    Type: 'application',
    Tags: spec.tags,
  });
  const lbArn = LoadBalancers![0].LoadBalancerArn!;
  const listener = async (port: number) =>
    (
      await caller.call('elbv2', 'CreateListener', {
        LoadBalancerArn: lbArn,
        Protocol: 'HTTP',
        Port: port,
        DefaultActions: spec.standbyGreen
          ? forwardByWeight([
              { arn: blue, weight: 100 },
              { arn: green, weight: 0 },
            ])
          : [{ Type: 'forward', TargetGroupArn: blue }],
        Tags: spec.tags,
      })
    ).Listeners![0].ListenerArn!;
  const production = await listener(80);
  const test = await listener(8080);
  const defaultRule = async (listenerArn: string) =>
    (
      await caller.call('elbv2', 'DescribeRules', { ListenerArn: listenerArn })
    ).Rules!.find(r => r.IsDefault)!.RuleArn!;
  return {
    lbArn,
    blue,
    green,
    targetGroupNames,
    production,
    test,
    productionRule: await defaultRule(production),
    testRule: await defaultRule(test),
  };
}

/**
 * Moves a listener's traffic between target groups, as an EXTERNAL
 * deployer does.
 *
 * @public
 */
export async function setListenerWeights(
  caller: FleetCaller,
  listenerArn: string,
  weights: { arn: string; weight: number }[],
): Promise<void> {
  await caller.call('elbv2', 'ModifyListener', {
    ListenerArn: listenerArn,
    DefaultActions: forwardByWeight(weights),
  });
}

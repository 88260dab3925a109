import {
  CreateListenerCommand,
  CreateListenerCommandInput,
  CreateLoadBalancerCommand,
  CreateLoadBalancerCommandInput,
  CreateRuleCommand,
  CreateRuleCommandInput,
  CreateTargetGroupCommand,
  CreateTargetGroupCommandInput,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  Listener,
  ModifyListenerCommand,
  LoadBalancer,
  Rule,
  Tag,
  TargetGroup,
  paginateDescribeListeners,
  paginateDescribeRules,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GatewayCallContext, call, chunk, collect, unlessAbsent } from './call';

/*
 * Elastic Load Balancing v2: every ELBv2 command the suite sends is built
 * here. Lookups by name that find nothing answer `undefined`; listings walk
 * every page.
 */

/**
 * Target groups by ARN or, when no ARNs are given, by name; one that does not
 * exist is a `NotFoundError`.
 *
 * @public
 */
export async function describeTargetGroups(
  elbv2: ElasticLoadBalancingV2Client,
  query: { arns?: string[]; names?: string[] },
  context?: GatewayCallContext,
): Promise<TargetGroup[]> {
  const out = await call(
    'elasticloadbalancing:DescribeTargetGroups',
    context,
    () =>
      elbv2.send(
        new DescribeTargetGroupsCommand(
          query.arns?.length
            ? { TargetGroupArns: query.arns }
            : { Names: query.names },
        ),
      ),
  );
  return out.TargetGroups ?? [];
}

/**
 * The target group of that name, unless there is none.
 *
 * @public
 */
export async function findTargetGroup(
  elbv2: ElasticLoadBalancingV2Client,
  name: string,
  context?: GatewayCallContext,
): Promise<TargetGroup | undefined> {
  const out = await call(
    'elasticloadbalancing:DescribeTargetGroups',
    context,
    () =>
      unlessAbsent(
        ['TargetGroupNotFoundException', 'TargetGroupNotFound'],
        () => elbv2.send(new DescribeTargetGroupsCommand({ Names: [name] })),
      ),
  );
  return out?.TargetGroups?.[0];
}

/**
 * The load balancer of that name, unless there is none.
 *
 * @public
 */
export async function findLoadBalancer(
  elbv2: ElasticLoadBalancingV2Client,
  name: string,
  context?: GatewayCallContext,
): Promise<LoadBalancer | undefined> {
  const out = await call(
    'elasticloadbalancing:DescribeLoadBalancers',
    context,
    () =>
      unlessAbsent(
        ['LoadBalancerNotFoundException', 'LoadBalancerNotFound'],
        () => elbv2.send(new DescribeLoadBalancersCommand({ Names: [name] })),
      ),
  );
  return out?.LoadBalancers?.[0];
}

/**
 * Listeners by ARN, or every listener of a load balancer.
 *
 * @public
 */
export async function describeListeners(
  elbv2: ElasticLoadBalancingV2Client,
  query: { listenerArns?: string[]; loadBalancerArn?: string },
  context?: GatewayCallContext,
): Promise<Listener[]> {
  return call('elasticloadbalancing:DescribeListeners', context, () =>
    collect(
      paginateDescribeListeners(
        { client: elbv2 },
        query.listenerArns?.length
          ? { ListenerArns: query.listenerArns }
          : { LoadBalancerArn: query.loadBalancerArn },
      ),
      p => p.Listeners,
    ),
  );
}

/**
 * Rules by ARN, or every rule of a listener.
 *
 * @public
 */
export async function describeRules(
  elbv2: ElasticLoadBalancingV2Client,
  query: { ruleArns?: string[]; listenerArn?: string },
  context?: GatewayCallContext,
): Promise<Rule[]> {
  return call('elasticloadbalancing:DescribeRules', context, () =>
    collect(
      paginateDescribeRules(
        { client: elbv2 },
        query.ruleArns?.length
          ? { RuleArns: query.ruleArns }
          : { ListenerArn: query.listenerArn },
      ),
      p => p.Rules,
    ),
  );
}

/**
 * Tags of ELB resources by ARN, 20 per call (AWS's limit).
 *
 * @public
 */
export async function describeTags(
  elbv2: ElasticLoadBalancingV2Client,
  resourceArns: string[],
  context?: GatewayCallContext,
): Promise<Map<string, Tag[]>> {
  const tags = new Map<string, Tag[]>();
  for (const batch of chunk(resourceArns, 20)) {
    const out = await call('elasticloadbalancing:DescribeTags', context, () =>
      elbv2.send(new DescribeTagsCommand({ ResourceArns: batch })),
    );
    for (const d of out.TagDescriptions ?? []) {
      if (d.ResourceArn) tags.set(d.ResourceArn, d.Tags ?? []);
    }
  }
  return tags;
}

/**
 * Creates a load balancer.
 *
 * @public
 */
export async function createLoadBalancer(
  elbv2: ElasticLoadBalancingV2Client,
  input: CreateLoadBalancerCommandInput,
  context?: GatewayCallContext,
): Promise<LoadBalancer> {
  const out = await call(
    'elasticloadbalancing:CreateLoadBalancer',
    context,
    () => elbv2.send(new CreateLoadBalancerCommand(input)),
  );
  return out.LoadBalancers![0];
}

/**
 * Creates a target group.
 *
 * @public
 */
export async function createTargetGroup(
  elbv2: ElasticLoadBalancingV2Client,
  input: CreateTargetGroupCommandInput,
  context?: GatewayCallContext,
): Promise<TargetGroup> {
  const out = await call(
    'elasticloadbalancing:CreateTargetGroup',
    context,
    () => elbv2.send(new CreateTargetGroupCommand(input)),
  );
  return out.TargetGroups![0];
}

/**
 * Creates a listener on a load balancer.
 *
 * @public
 */
export async function createListener(
  elbv2: ElasticLoadBalancingV2Client,
  input: CreateListenerCommandInput,
  context?: GatewayCallContext,
): Promise<Listener> {
  const out = await call('elasticloadbalancing:CreateListener', context, () =>
    elbv2.send(new CreateListenerCommand(input)),
  );
  return out.Listeners![0];
}

/**
 * Creates a rule on a listener.
 *
 * @public
 */
export async function createRule(
  elbv2: ElasticLoadBalancingV2Client,
  input: CreateRuleCommandInput,
  context?: GatewayCallContext,
): Promise<Rule> {
  const out = await call('elasticloadbalancing:CreateRule', context, () =>
    elbv2.send(new CreateRuleCommand(input)),
  );
  return out.Rules![0];
}

/**
 * Sets a listener's default action to forward to target groups by weight.
 *
 * @public
 */
export async function forwardListenerByWeight(
  elbv2: ElasticLoadBalancingV2Client,
  listenerArn: string,
  weights: ReadonlyArray<{ targetGroupArn: string; weight: number }>,
  context?: GatewayCallContext,
): Promise<Listener> {
  const out = await call('elasticloadbalancing:ModifyListener', context, () =>
    elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: listenerArn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: weights.map(w => ({
                TargetGroupArn: w.targetGroupArn,
                Weight: w.weight,
              })),
            },
          },
        ],
      }),
    ),
  );
  return out.Listeners![0];
}

import type {
  Action,
  ElasticLoadBalancingV2Client,
  Listener,
  LoadBalancer,
  Rule,
  TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AwsTag,
  elbv2Gateway,
  tagRecord,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import type { Tagged } from './tagged';

/*
 * ELBv2 for the scaffolder: the shared gateway's lookups with the resource's
 * tags, and the creations the actions wrap in their checkpoints.
 */

async function withTags<T>(
  elbv2: ElasticLoadBalancingV2Client,
  items: T[],
  arnOf: (item: T) => string | undefined,
): Promise<Tagged<T>[]> {
  const arns = items.map(arnOf).filter((a): a is string => Boolean(a));
  const tags = arns.length
    ? await elbv2Gateway.describeTags(elbv2, arns, {
        operation: 'reading tags',
      })
    : new Map();
  return items.map(value => ({
    value,
    tags: tagRecord(tags.get(arnOf(value) ?? '')),
  }));
}

export async function findLoadBalancer(
  elbv2: ElasticLoadBalancingV2Client,
  name: string,
): Promise<Tagged<LoadBalancer> | undefined> {
  const found = await elbv2Gateway.findLoadBalancer(elbv2, name, {
    operation: 'looking up the load balancer',
    resource: name,
  });
  if (!found) return undefined;
  const [tagged] = await withTags(elbv2, [found], lb => lb.LoadBalancerArn);
  return tagged;
}

export async function findTargetGroup(
  elbv2: ElasticLoadBalancingV2Client,
  name: string,
): Promise<Tagged<TargetGroup> | undefined> {
  const found = await elbv2Gateway.findTargetGroup(elbv2, name, {
    operation: 'looking up the target group',
    resource: name,
  });
  if (!found) return undefined;
  const [tagged] = await withTags(elbv2, [found], tg => tg.TargetGroupArn);
  return tagged;
}

/** Every listener of a load balancer, with tags. */
export async function listListeners(
  elbv2: ElasticLoadBalancingV2Client,
  loadBalancerArn: string,
): Promise<Tagged<Listener>[]> {
  const listeners = await elbv2Gateway.describeListeners(
    elbv2,
    { loadBalancerArn },
    { operation: 'listing listeners', resource: loadBalancerArn },
  );
  return withTags(elbv2, listeners, l => l.ListenerArn);
}

/** Every rule of a listener but its default, with tags. */
export async function listRules(
  elbv2: ElasticLoadBalancingV2Client,
  listenerArn: string,
): Promise<Tagged<Rule>[]> {
  const rules = await elbv2Gateway.describeRules(
    elbv2,
    { listenerArn },
    { operation: 'listing listener rules', resource: listenerArn },
  );
  return withTags(
    elbv2,
    rules.filter(r => !r.IsDefault),
    r => r.RuleArn,
  );
}

/** Target group ARNs a listener's default action or a rule forwards to. */
export function forwardTargets(actions: Action[] | undefined): string[] {
  const arns = new Set<string>();
  for (const action of actions ?? []) {
    if (action.Type !== 'forward') continue;
    if (action.TargetGroupArn) arns.add(action.TargetGroupArn);
    for (const tg of action.ForwardConfig?.TargetGroups ?? []) {
      if (tg.TargetGroupArn) arns.add(tg.TargetGroupArn);
    }
  }
  return [...arns];
}

/** The host names a rule's host-header conditions match. */
export function ruleHosts(rule: Rule): string[] {
  return (rule.Conditions ?? []).flatMap(c =>
    c.Field === 'host-header'
      ? c.HostHeaderConfig?.Values ?? c.Values ?? []
      : [],
  );
}

export async function createLoadBalancer(
  elbv2: ElasticLoadBalancingV2Client,
  spec: {
    name: string;
    subnets: string[];
    securityGroups: string[];
    tags: AwsTag[];
  },
): Promise<{ arn: string; vpcId: string }> {
  const lb = await elbv2Gateway.createLoadBalancer(
    elbv2,
    {
      Name: spec.name,
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: spec.subnets,
      SecurityGroups: spec.securityGroups.length
        ? spec.securityGroups
        : undefined,
      Tags: spec.tags,
    },
    { operation: 'creating the load balancer', resource: spec.name },
  );
  return { arn: lb.LoadBalancerArn!, vpcId: lb.VpcId ?? '' };
}

export async function createTargetGroup(
  elbv2: ElasticLoadBalancingV2Client,
  spec: {
    name: string;
    port: number;
    vpcId: string;
    healthCheckPath: string;
    tags: AwsTag[];
  },
): Promise<string> {
  const tg = await elbv2Gateway.createTargetGroup(
    elbv2,
    {
      Name: spec.name,
      Protocol: 'HTTP',
      Port: spec.port,
      VpcId: spec.vpcId,
      // Fargate tasks register by IP (awsvpc).
      TargetType: 'ip',
      HealthCheckPath: spec.healthCheckPath,
      Tags: spec.tags,
    },
    { operation: 'creating the target group', resource: spec.name },
  );
  return tg.TargetGroupArn!;
}

export async function createListener(
  elbv2: ElasticLoadBalancingV2Client,
  spec: {
    loadBalancerArn: string;
    port: number;
    targetGroupArn: string;
    tags: AwsTag[];
  },
): Promise<string> {
  const listener = await elbv2Gateway.createListener(
    elbv2,
    {
      LoadBalancerArn: spec.loadBalancerArn,
      Protocol: 'HTTP',
      Port: spec.port,
      DefaultActions: [
        { Type: 'forward', TargetGroupArn: spec.targetGroupArn },
      ],
      Tags: spec.tags,
    },
    {
      operation: 'creating the listener',
      resource: `${spec.loadBalancerArn}:${spec.port}`,
    },
  );
  return listener.ListenerArn!;
}

/**
 * A rule forwarding to the blue (weight 100) and green (weight 0) target
 * groups, which ECS-native blue/green shifts. On a shared listener it matches
 * only the service's own host; on the service's own ALB every path.
 */
export async function createWeightedRule(
  elbv2: ElasticLoadBalancingV2Client,
  spec: {
    listenerArn: string;
    priority: number;
    host?: string;
    blueTargetGroupArn: string;
    greenTargetGroupArn: string;
    tags: AwsTag[];
  },
): Promise<string> {
  const rule = await elbv2Gateway.createRule(
    elbv2,
    {
      ListenerArn: spec.listenerArn,
      Priority: spec.priority,
      Conditions: [
        spec.host
          ? { Field: 'host-header', HostHeaderConfig: { Values: [spec.host] } }
          : { Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } },
      ],
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: spec.blueTargetGroupArn, Weight: 100 },
              { TargetGroupArn: spec.greenTargetGroupArn, Weight: 0 },
            ],
          },
        },
      ],
      Tags: spec.tags,
    },
    { operation: 'creating the listener rule', resource: spec.listenerArn },
  );
  return rule.RuleArn!;
}

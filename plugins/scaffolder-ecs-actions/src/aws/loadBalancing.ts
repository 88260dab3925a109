import {
  Action,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  Listener,
  LoadBalancer,
  Rule,
  TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AwsTag, tagRecord } from '@ecs-deploy/plugin-ecs-deploy-node';
import { isAwsError } from '../lib/awsErrors';
import { awsCall } from '../lib/call';
import type { Tagged } from './tagged';

/*
 * ELBv2 for the scaffolder: lookups answer "not found" as undefined and come
 * with the resource's tags; creations are one call each, wrapped by the
 * actions' checkpoints.
 */

/** Tags of up to 20 ELB resources (DescribeTags' limit) by ARN. */
export async function elbTagsOf(
  elbv2: ElasticLoadBalancingV2Client,
  arns: string[],
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (let i = 0; i < arns.length; i += 20) {
    const batch = arns.slice(i, i + 20);
    const res = await awsCall('reading tags', batch.join(', '), () =>
      elbv2.send(new DescribeTagsCommand({ ResourceArns: batch })),
    );
    for (const d of res.TagDescriptions ?? []) {
      if (d.ResourceArn) out.set(d.ResourceArn, tagRecord(d.Tags));
    }
  }
  return out;
}

async function withTags<T>(
  elbv2: ElasticLoadBalancingV2Client,
  items: T[],
  arnOf: (item: T) => string | undefined,
): Promise<Tagged<T>[]> {
  const arns = items.map(arnOf).filter((a): a is string => Boolean(a));
  const tags = arns.length ? await elbTagsOf(elbv2, arns) : new Map();
  return items.map(value => ({
    value,
    tags: tags.get(arnOf(value) ?? '') ?? {},
  }));
}

export async function findLoadBalancer(
  elbv2: ElasticLoadBalancingV2Client,
  name: string,
): Promise<Tagged<LoadBalancer> | undefined> {
  const found = await awsCall(
    'looking up the load balancer',
    name,
    async () => {
      try {
        const res = await elbv2.send(
          new DescribeLoadBalancersCommand({ Names: [name] }),
        );
        return res.LoadBalancers?.[0];
      } catch (e) {
        if (
          isAwsError(e, 'LoadBalancerNotFoundException', 'LoadBalancerNotFound')
        )
          return undefined;
        throw e;
      }
    },
  );
  if (!found) return undefined;
  const [tagged] = await withTags(elbv2, [found], lb => lb.LoadBalancerArn);
  return tagged;
}

export async function findTargetGroup(
  elbv2: ElasticLoadBalancingV2Client,
  name: string,
): Promise<Tagged<TargetGroup> | undefined> {
  const found = await awsCall('looking up the target group', name, async () => {
    try {
      const res = await elbv2.send(
        new DescribeTargetGroupsCommand({ Names: [name] }),
      );
      return res.TargetGroups?.[0];
    } catch (e) {
      if (isAwsError(e, 'TargetGroupNotFoundException', 'TargetGroupNotFound'))
        return undefined;
      throw e;
    }
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
  const listeners = await awsCall(
    'listing listeners',
    loadBalancerArn,
    async () => {
      const all: Listener[] = [];
      let Marker: string | undefined;
      do {
        const res = await elbv2.send(
          new DescribeListenersCommand({
            LoadBalancerArn: loadBalancerArn,
            Marker,
          }),
        );
        all.push(...(res.Listeners ?? []));
        Marker = res.NextMarker;
      } while (Marker);
      return all;
    },
  );
  return withTags(elbv2, listeners, l => l.ListenerArn);
}

/** Every rule of a listener, with tags. */
export async function listRules(
  elbv2: ElasticLoadBalancingV2Client,
  listenerArn: string,
): Promise<Tagged<Rule>[]> {
  const rules = await awsCall(
    'listing listener rules',
    listenerArn,
    async () => {
      const all: Rule[] = [];
      let Marker: string | undefined;
      do {
        const res = await elbv2.send(
          new DescribeRulesCommand({ ListenerArn: listenerArn, Marker }),
        );
        all.push(...(res.Rules ?? []));
        Marker = res.NextMarker;
      } while (Marker);
      return all;
    },
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
  const res = await awsCall('creating the load balancer', spec.name, () =>
    elbv2.send(
      new CreateLoadBalancerCommand({
        Name: spec.name,
        Type: 'application',
        Scheme: 'internet-facing',
        Subnets: spec.subnets,
        SecurityGroups: spec.securityGroups.length
          ? spec.securityGroups
          : undefined,
        Tags: spec.tags,
      }),
    ),
  );
  const lb = res.LoadBalancers![0];
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
  const res = await awsCall('creating the target group', spec.name, () =>
    elbv2.send(
      new CreateTargetGroupCommand({
        Name: spec.name,
        Protocol: 'HTTP',
        Port: spec.port,
        VpcId: spec.vpcId,
        // Fargate tasks register by IP (awsvpc).
        TargetType: 'ip',
        HealthCheckPath: spec.healthCheckPath,
        Tags: spec.tags,
      }),
    ),
  );
  return res.TargetGroups![0].TargetGroupArn!;
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
  const res = await awsCall(
    'creating the listener',
    `${spec.loadBalancerArn}:${spec.port}`,
    () =>
      elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: spec.loadBalancerArn,
          Protocol: 'HTTP',
          Port: spec.port,
          DefaultActions: [
            { Type: 'forward', TargetGroupArn: spec.targetGroupArn },
          ],
          Tags: spec.tags,
        }),
      ),
  );
  return res.Listeners![0].ListenerArn!;
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
  const res = await awsCall(
    'creating the listener rule',
    spec.listenerArn,
    () =>
      elbv2.send(
        new CreateRuleCommand({
          ListenerArn: spec.listenerArn,
          Priority: spec.priority,
          Conditions: [
            spec.host
              ? {
                  Field: 'host-header',
                  HostHeaderConfig: { Values: [spec.host] },
                }
              : {
                  Field: 'path-pattern',
                  PathPatternConfig: { Values: ['/*'] },
                },
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
        }),
      ),
  );
  return res.Rules![0].RuleArn!;
}

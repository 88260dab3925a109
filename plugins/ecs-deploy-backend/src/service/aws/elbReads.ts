import {
  Action,
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { callAws } from './callAws';
import { ReadContext } from './ReadContext';

type Location = { accountId: string; region: string };

export interface Forward {
  targetGroupArn: string;
  weight: number;
}

export interface ListenerState {
  arn: string;
  loadBalancerArn?: string;
  port: number;
  protocol?: string;
  forwards: Forward[];
}

export interface TargetGroupState {
  arn: string;
  name: string;
  loadBalancerArns: string[];
}

/** The weighted target groups of a forward action (either form AWS allows). */
export function forwardsOf(actions: Action[] | undefined): Forward[] {
  const forward = (actions ?? []).find(a => a.Type === 'forward');
  if (!forward) return [];
  const tuples = forward.ForwardConfig?.TargetGroups;
  if (tuples?.length) {
    return tuples
      .filter(t => t.TargetGroupArn)
      .map(t => ({ targetGroupArn: t.TargetGroupArn!, weight: t.Weight ?? 1 }));
  }
  return forward.TargetGroupArn
    ? [{ targetGroupArn: forward.TargetGroupArn, weight: 1 }]
    : [];
}

/** The listener a rule belongs to, from the rule ARN's shape. */
export function listenerArnOfRule(ruleArn: string): string | undefined {
  if (!ruleArn.includes(':listener-rule/')) return undefined;
  const base = ruleArn.replace(':listener-rule/', ':listener/');
  return base.slice(0, base.lastIndexOf('/'));
}

export async function describeTargetGroups(
  ctx: ReadContext,
  location: Location,
  query: { arns?: string[]; names?: string[] },
): Promise<TargetGroupState[]> {
  const arns = [...new Set(query.arns ?? [])];
  const names = [...new Set(query.names ?? [])];
  if (!arns.length && !names.length) return [];
  return ctx.cache.get(
    `elb:targetgroups:${location.accountId}:${location.region}:${arns.join(
      ',',
    )}|${names.join(',')}`,
    async () => {
      const { elbv2 } = await ctx.clients.forResource(location);
      const out = await callAws(
        () =>
          elbv2.send(
            new DescribeTargetGroupsCommand(
              arns.length ? { TargetGroupArns: arns } : { Names: names },
            ),
          ),
        { resource: [...arns, ...names].join(', ') },
      );
      return (out.TargetGroups ?? []).map(tg => ({
        arn: tg.TargetGroupArn ?? '',
        name: tg.TargetGroupName ?? '',
        loadBalancerArns: tg.LoadBalancerArns ?? [],
      }));
    },
    ctx.ttl.resolution,
  );
}

/** Listeners by ARN or of a load balancer; weights move, so cached briefly. */
export async function describeListeners(
  ctx: ReadContext,
  location: Location,
  query: { listenerArns?: string[]; loadBalancerArn?: string },
): Promise<ListenerState[]> {
  const listenerArns = [...new Set(query.listenerArns ?? [])];
  if (!listenerArns.length && !query.loadBalancerArn) return [];
  return ctx.cache.get(
    `elb:listeners:${location.accountId}:${location.region}:${listenerArns.join(
      ',',
    )}|${query.loadBalancerArn ?? ''}`,
    async () => {
      const { elbv2 } = await ctx.clients.forResource(location);
      const out = await callAws(
        () =>
          elbv2.send(
            new DescribeListenersCommand(
              listenerArns.length
                ? { ListenerArns: listenerArns }
                : { LoadBalancerArn: query.loadBalancerArn },
            ),
          ),
        { resource: listenerArns.join(', ') || query.loadBalancerArn },
      );
      return (out.Listeners ?? []).map(l => ({
        arn: l.ListenerArn ?? '',
        loadBalancerArn: l.LoadBalancerArn,
        port: l.Port ?? 0,
        protocol: l.Protocol,
        forwards: forwardsOf(l.DefaultActions),
      }));
    },
    ctx.ttl.active,
  );
}

/** Weighted forwards of listener rules (ECS native blue/green shifts rules). */
export async function describeRules(
  ctx: ReadContext,
  location: Location,
  ruleArns: string[],
): Promise<Array<{ ruleArn: string; forwards: Forward[] }>> {
  const arns = [...new Set(ruleArns)];
  if (!arns.length) return [];
  return ctx.cache.get(
    `elb:rules:${location.accountId}:${location.region}:${arns.join(',')}`,
    async () => {
      const { elbv2 } = await ctx.clients.forResource(location);
      const out = await callAws(
        () => elbv2.send(new DescribeRulesCommand({ RuleArns: arns })),
        { resource: arns.join(', ') },
      );
      return (out.Rules ?? []).map(r => ({
        ruleArn: r.RuleArn ?? '',
        forwards: forwardsOf(r.Actions),
      }));
    },
    ctx.ttl.active,
  );
}

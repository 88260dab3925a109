import {
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
import { isAwsError } from '../lib/awsErrors';
import { awsCall } from '../lib/call';
import { tagRecord } from '@ecs-deploy/plugin-ecs-deploy-node';

/*
 * Read-only ELBv2 lookups; "not found" is an answer (undefined), every other
 * failure is an error.
 */

const isArn = (value: string) => value.startsWith('arn:');

export async function findLoadBalancer(
  elbv2: ElasticLoadBalancingV2Client,
  nameOrArn: string,
): Promise<LoadBalancer | undefined> {
  return awsCall('looking up the load balancer', nameOrArn, async () => {
    try {
      const res = await elbv2.send(
        new DescribeLoadBalancersCommand(
          isArn(nameOrArn)
            ? { LoadBalancerArns: [nameOrArn] }
            : { Names: [nameOrArn] },
        ),
      );
      return res.LoadBalancers?.[0];
    } catch (e) {
      if (
        isAwsError(e, 'LoadBalancerNotFoundException', 'LoadBalancerNotFound')
      )
        return undefined;
      throw e;
    }
  });
}

export async function findTargetGroup(
  elbv2: ElasticLoadBalancingV2Client,
  nameOrArn: string,
): Promise<TargetGroup | undefined> {
  return awsCall('looking up the target group', nameOrArn, async () => {
    try {
      const res = await elbv2.send(
        new DescribeTargetGroupsCommand(
          isArn(nameOrArn)
            ? { TargetGroupArns: [nameOrArn] }
            : { Names: [nameOrArn] },
        ),
      );
      return res.TargetGroups?.[0];
    } catch (e) {
      if (isAwsError(e, 'TargetGroupNotFoundException', 'TargetGroupNotFound'))
        return undefined;
      throw e;
    }
  });
}

export async function listListeners(
  elbv2: ElasticLoadBalancingV2Client,
  loadBalancerArn: string,
): Promise<Listener[]> {
  return awsCall('listing listeners', loadBalancerArn, async () => {
    const listeners: Listener[] = [];
    let Marker: string | undefined;
    do {
      const res = await elbv2.send(
        new DescribeListenersCommand({
          LoadBalancerArn: loadBalancerArn,
          Marker,
        }),
      );
      listeners.push(...(res.Listeners ?? []));
      Marker = res.NextMarker;
    } while (Marker);
    return listeners;
  });
}

export async function findListener(
  elbv2: ElasticLoadBalancingV2Client,
  listenerArn: string,
): Promise<Listener | undefined> {
  return awsCall('looking up the listener', listenerArn, async () => {
    try {
      const res = await elbv2.send(
        new DescribeListenersCommand({ ListenerArns: [listenerArn] }),
      );
      return res.Listeners?.[0];
    } catch (e) {
      if (isAwsError(e, 'ListenerNotFoundException', 'ListenerNotFound'))
        return undefined;
      throw e;
    }
  });
}

export async function listRules(
  elbv2: ElasticLoadBalancingV2Client,
  listenerArn: string,
): Promise<Rule[]> {
  return awsCall('listing listener rules', listenerArn, async () => {
    const res = await elbv2.send(
      new DescribeRulesCommand({ ListenerArn: listenerArn }),
    );
    return res.Rules ?? [];
  });
}

export async function elbTags(
  elbv2: ElasticLoadBalancingV2Client,
  arn: string,
): Promise<Record<string, string>> {
  return awsCall('reading tags', arn, async () => {
    const res = await elbv2.send(
      new DescribeTagsCommand({ ResourceArns: [arn] }),
    );
    return tagRecord(res.TagDescriptions?.[0]?.Tags);
  });
}

/** Target group ARNs a listener's default action or a rule forwards to. */
export function forwardTargets(actions: Listener['DefaultActions']): string[] {
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

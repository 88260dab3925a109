import { ListenerState, TargetGroupState } from '../aws/state';
import { Where } from '../aws/withCache';
import { ReadContext } from '../reads/ReadContext';

/**
 * The target groups and every listener of the load balancers they belong
 * to; `serviceAtRest` as the listeners read says.
 */
export async function listenersOfLoadBalancers(
  ctx: ReadContext,
  location: Where,
  targetGroupArns: string[],
  serviceAtRest: boolean,
): Promise<{ groups: TargetGroupState[]; listeners: ListenerState[] }> {
  if (!targetGroupArns.length) return { groups: [], listeners: [] };
  const groups = await ctx.aws.elbv2.targetGroups(location, {
    arns: targetGroupArns,
  });
  const lbArns = [...new Set(groups.flatMap(g => g.loadBalancerArns))];
  const listeners = (
    await Promise.all(
      lbArns.map(lb =>
        ctx.aws.elbv2.listeners(location, {
          loadBalancerArn: lb,
          serviceAtRest,
        }),
      ),
    )
  ).flat();
  return { groups, listeners };
}

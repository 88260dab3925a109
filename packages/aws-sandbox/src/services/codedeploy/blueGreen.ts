import type { ElbApi } from '../../world';
import type { DeploymentGroupRecord, DeploymentRecord } from './types';

/**
 * Which target group of the group's pair is blue (the original) for a new
 * deployment: the one taking production traffic now, or the pair's first when
 * the listener does not say. Green is the other one, so the two alternate from
 * one deployment to the next, as in AWS.
 */
export function pickBlueGreen(
  d: DeploymentRecord,
  group: DeploymentGroupRecord,
  elb: ElbApi,
): void {
  const pair = group.loadBalancerInfo?.targetGroupPairInfoList?.[0];
  const names = (pair?.targetGroups ?? [])
    .map(t => t.name)
    .filter((n): n is string => Boolean(n));
  if (names.length < 2) return;
  let blue = names[0];
  const listener = pair?.prodTrafficRoute?.listenerArns?.[0];
  if (listener) {
    try {
      const weights = elb.getListenerWeights(listener);
      const top = [...weights].sort((a, b) => b.weight - a.weight)[0];
      const match = names.find(n =>
        top?.targetGroupArn.includes(`:targetgroup/${n}/`),
      );
      if (match) blue = match;
    } catch {
      // a listener ELBv2 does not know: keep the pair's order
    }
  }
  d.blueTargetGroup = blue;
  d.greenTargetGroup = names.find(n => n !== blue);
}

import type { EcsStore } from '../EcsStore';
import type { ServiceDeploymentRecord, ServiceRecord } from '../model';

/*
 * The listener rules a traffic-shifting deployment moves: each load balancer
 * entry's `productionListenerRule` and `testListenerRule` forward to its two
 * target groups (`targetGroupArn` and `advancedConfiguration.alternateTargetGroupArn`).
 */

/** Puts `percent` of production (or test) traffic on the target revision's target groups. */
export function shiftTraffic(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  percent: number,
  which: 'production' | 'test',
): void {
  if (which === 'production') d.productionPercent = percent;
  service.loadBalancers.forEach((lb, i) => {
    const rule =
      which === 'production'
        ? lb.advancedConfiguration?.productionListenerRule
        : lb.advancedConfiguration?.testListenerRule;
    const green = d.targetTargetGroups[i];
    const blue = d.sourceTargetGroups[i];
    if (!rule || !green || !blue) return;
    store.world.elbv2.setRuleWeights(rule, [
      { targetGroupArn: blue, weight: 100 - percent },
      { targetGroupArn: green, weight: percent },
    ]);
  });
}

/** Sends all production and test traffic to `targetGroups` (one per load balancer entry). */
export function routeAllTo(
  store: EcsStore,
  service: ServiceRecord,
  targetGroups: (string | undefined)[],
): void {
  service.loadBalancers.forEach((lb, i) => {
    const live = targetGroups[i];
    const alternate = lb.advancedConfiguration?.alternateTargetGroupArn;
    if (!live || !alternate) return;
    const other = live === alternate ? lb.targetGroupArn : alternate;
    for (const rule of [
      lb.advancedConfiguration?.productionListenerRule,
      lb.advancedConfiguration?.testListenerRule,
    ]) {
      if (!rule || !other) continue;
      store.world.elbv2.setRuleWeights(rule, [
        { targetGroupArn: live, weight: 100 },
        { targetGroupArn: other, weight: 0 },
      ]);
    }
  });
}

/** The target group of a load balancer entry that serves no production traffic now. */
export function otherTargetGroup(
  service: ServiceRecord,
  index: number,
): string | undefined {
  const lb = service.loadBalancers[index];
  const live = service.liveTargetGroups[index] ?? lb.targetGroupArn;
  const alternate = lb.advancedConfiguration?.alternateTargetGroupArn;
  if (!alternate) return live;
  return live === alternate ? lb.targetGroupArn : alternate;
}

import {
  ListenerTraffic,
  TaskSetLabel,
  parseTargetGroupArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { Forward, ListenerState } from '../aws/state';

/**
 * Listener traffic with roles and target group names. Roles come from what
 * AWS records (CodeDeploy's prod/test routes, ECS's listener rules); when
 * nothing says, the lowest port is production and the others are test.
 */
export function listenerTraffic(
  listeners: Array<ListenerState & { forwardsOverride?: Forward[] }>,
  options: {
    productionArns?: string[];
    testArns?: string[];
    targetGroupNames: Map<string, string>;
    labels: Map<string, TaskSetLabel>;
  },
): ListenerTraffic[] {
  const known = new Set([
    ...(options.productionArns ?? []),
    ...(options.testArns ?? []),
  ]);
  const lowestPort = Math.min(...listeners.map(l => l.port));
  return [...listeners]
    .sort((a, b) => a.port - b.port)
    .map(l => {
      let role: 'production' | 'test';
      if (options.productionArns?.includes(l.arn)) role = 'production';
      else if (options.testArns?.includes(l.arn)) role = 'test';
      else if (known.size && options.productionArns?.length) role = 'test';
      else role = l.port === lowestPort ? 'production' : 'test';
      const forwards = l.forwardsOverride ?? l.forwards;
      const total = forwards.reduce((sum, f) => sum + f.weight, 0);
      return {
        role,
        port: l.port,
        ...(l.protocol ? { protocol: l.protocol } : {}),
        targetGroups: forwards.map(f => {
          const name =
            options.targetGroupNames.get(f.targetGroupArn) ??
            parseTargetGroupArn(f.targetGroupArn)?.name ??
            f.targetGroupArn;
          const label =
            options.labels.get(f.targetGroupArn) ?? options.labels.get(name);
          return {
            name,
            weight: f.weight,
            percent: total > 0 ? Math.round((f.weight / total) * 1000) / 10 : 0,
            ...(label ? { label } : {}),
          };
        }),
      };
    });
}

import { AwsError } from '../../../core/AwsError';
import { optionalNumber, requireString } from '../../../core/validate';
import type { ElbStore } from '../ElbStore';
import type { ActionRecord } from '../model';
import { INVALID, requireList } from './common';

/**
 * The `Actions` / `DefaultActions` of a listener or rule. Forward actions (one
 * `TargetGroupArn` or weighted `ForwardConfig.TargetGroups`, all existing)
 * become weights the sandbox routes by; other actions are kept as given.
 */
export function actionsInput(store: ElbStore, value: unknown): ActionRecord[] {
  const list = requireList(value, 'Actions');
  if (list.length === 0)
    throw new AwsError(INVALID, 'At least one action must be specified');
  return list.map((a: any, i) => {
    const type = requireString(a, 'Type', INVALID);
    const order = optionalNumber(a, 'Order', INVALID) ?? i + 1;
    if (type !== 'forward') return { Type: type, Order: order, raw: a };
    const tuples: any[] =
      a.ForwardConfig?.TargetGroups ??
      (a.TargetGroupArn
        ? [{ TargetGroupArn: a.TargetGroupArn, Weight: 1 }]
        : []);
    if (!tuples.length) {
      throw new AwsError(INVALID, 'A forward action needs a target group');
    }
    const forward = tuples.map(t => {
      const arn = requireString(t, 'TargetGroupArn', INVALID);
      store.targetGroup(arn);
      return {
        targetGroupArn: arn,
        weight: optionalNumber(t, 'Weight', INVALID) ?? 1,
      };
    });
    const stickiness = a.ForwardConfig?.TargetGroupStickinessConfig;
    return {
      Type: 'forward',
      Order: order,
      forward,
      ...(stickiness
        ? {
            stickiness: {
              Enabled: String(stickiness.Enabled) === 'true',
              DurationSeconds: optionalNumber(
                stickiness,
                'DurationSeconds',
                INVALID,
              ),
            },
          }
        : {}),
    };
  });
}

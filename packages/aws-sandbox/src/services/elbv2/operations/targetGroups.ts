import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import type { OperationHandler } from '../../../core/types';
import {
  optionalNumber,
  optionalString,
  requireString,
} from '../../../core/validate';
import type { ElbStore } from '../ElbStore';
import { renderTargetGroup, renderTargetHealth } from '../render';
import { INVALID, NAME, byNames, elbPage, elbTagsInput } from './common';

/** Target groups and the health of their targets. */
export function targetGroupOperations(
  store: ElbStore,
): Record<string, OperationHandler> {
  return {
    CreateTargetGroup(input, ctx) {
      const name = requireString(input, 'Name', INVALID);
      if (!NAME.test(name)) {
        throw new AwsError(
          INVALID,
          `Target group name '${name}' can have a maximum of 32 characters, alphanumeric and hyphens`,
        );
      }
      const tg = store.createTargetGroup(callerScope(ctx), {
        name,
        protocol: optionalString(input, 'Protocol', INVALID),
        port: optionalNumber(input, 'Port', INVALID),
        vpcId: optionalString(input, 'VpcId', INVALID),
        targetType: optionalString(input, 'TargetType', INVALID) ?? 'instance',
        healthCheckPath: optionalString(input, 'HealthCheckPath', INVALID),
        healthCheckProtocol: optionalString(
          input,
          'HealthCheckProtocol',
          INVALID,
        ),
        matcher: input.Matcher?.HttpCode,
      });
      store.world.tags.tag(tg.arn, elbTagsInput(input.Tags));
      return { TargetGroups: [renderTargetGroup(store, tg)] };
    },

    DescribeTargetGroups(input, ctx) {
      const arns = input.TargetGroupArns as string[] | undefined;
      const names = input.Names as string[] | undefined;
      const lbArn = optionalString(input, 'LoadBalancerArn', INVALID);
      let list = arns?.length
        ? arns.map(a => store.targetGroup(a))
        : store.targetGroupsIn(callerScope(ctx));
      if (names?.length) {
        list = byNames(
          list,
          names,
          n =>
            new AwsError(
              'TargetGroupNotFound',
              `Target groups '[${n}]' not found`,
            ),
        );
      }
      if (lbArn) {
        store.loadBalancer(lbArn);
        list = list.filter(tg => store.loadBalancersOf(tg.arn).includes(lbArn));
      }
      const { items, NextMarker } = elbPage(list, input);
      return {
        TargetGroups: items.map(tg => renderTargetGroup(store, tg)),
        NextMarker,
      };
    },

    DescribeTargetHealth(input) {
      const tg = store.targetGroup(
        requireString(input, 'TargetGroupArn', INVALID),
      );
      return {
        TargetHealthDescriptions: renderTargetHealth(
          tg,
          store.world.ecs.targetsOf(tg.arn),
        ),
      };
    },
  };
}

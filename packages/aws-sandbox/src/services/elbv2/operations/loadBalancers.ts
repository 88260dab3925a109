import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import type { OperationHandler } from '../../../core/types';
import { optionalString, requireString } from '../../../core/validate';
import type { ElbStore } from '../ElbStore';
import { renderLoadBalancer } from '../render';
import { INVALID, NAME, byNames, elbPage, elbTagsInput } from './common';

/** Load balancers. */
export function loadBalancerOperations(
  store: ElbStore,
): Record<string, OperationHandler> {
  return {
    CreateLoadBalancer(input, ctx) {
      const name = requireString(input, 'Name', INVALID);
      if (!NAME.test(name) || name.startsWith('internal-')) {
        throw new AwsError(
          INVALID,
          `The load balancer name '${name}' is not valid`,
        );
      }
      const lb = store.createLoadBalancer(callerScope(ctx), {
        name,
        type: optionalString(input, 'Type', INVALID) ?? 'application',
        scheme: optionalString(input, 'Scheme', INVALID) ?? 'internet-facing',
        subnets: (input.Subnets ?? []) as string[],
        securityGroups: (input.SecurityGroups ?? []) as string[],
      });
      store.world.tags.tag(lb.arn, elbTagsInput(input.Tags));
      return { LoadBalancers: [renderLoadBalancer(lb)] };
    },

    DescribeLoadBalancers(input, ctx) {
      const arns = input.LoadBalancerArns as string[] | undefined;
      const names = input.Names as string[] | undefined;
      let list = arns?.length
        ? arns.map(a => store.loadBalancer(a))
        : store.loadBalancersIn(callerScope(ctx));
      if (names?.length) {
        list = byNames(
          list,
          names,
          n =>
            new AwsError(
              'LoadBalancerNotFound',
              `Load balancers '[${n}]' not found`,
            ),
        );
      }
      const { items, NextMarker } = elbPage(list, input);
      return { LoadBalancers: items.map(renderLoadBalancer), NextMarker };
    },
  };
}

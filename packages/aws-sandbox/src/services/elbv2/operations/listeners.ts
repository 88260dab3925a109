import { AwsError } from '../../../core/AwsError';
import type { OperationHandler } from '../../../core/types';
import {
  optionalNumber,
  optionalString,
  requireString,
} from '../../../core/validate';
import type { ElbStore } from '../ElbStore';
import { renderListener } from '../render';
import { actionsInput } from './actionInput';
import { INVALID, elbPage, elbTagsInput } from './common';

/** Listeners; a listener's default actions are its default rule's. */
export function listenerOperations(
  store: ElbStore,
): Record<string, OperationHandler> {
  return {
    CreateListener(input) {
      const lb = store.loadBalancer(
        requireString(input, 'LoadBalancerArn', INVALID),
      );
      const port = optionalNumber(input, 'Port', INVALID) ?? 80;
      const protocol = optionalString(input, 'Protocol', INVALID) ?? 'HTTP';
      const actions = actionsInput(store, input.DefaultActions);
      const listener = store.createListener(lb, port, protocol, actions);
      store.world.tags.tag(listener.arn, elbTagsInput(input.Tags));
      return { Listeners: [renderListener(store, listener)] };
    },

    DescribeListeners(input) {
      const arns = input.ListenerArns as string[] | undefined;
      const lbArn = optionalString(input, 'LoadBalancerArn', INVALID);
      if (!arns?.length && !lbArn) {
        throw new AwsError(
          INVALID,
          'You must specify either listener ARNs or a load balancer ARN',
        );
      }
      let list = arns?.length ? arns.map(a => store.listener(a)) : [];
      if (lbArn) {
        store.loadBalancer(lbArn);
        list = [...store.listeners.values()]
          .filter(l => l.loadBalancerArn === lbArn)
          .sort((a, b) => a.port - b.port);
      }
      const { items, NextMarker } = elbPage(list, input);
      return {
        Listeners: items.map(l => renderListener(store, l)),
        NextMarker,
      };
    },

    ModifyListener(input) {
      const listener = store.listener(
        requireString(input, 'ListenerArn', INVALID),
      );
      const port = optionalNumber(input, 'Port', INVALID);
      if (port !== undefined) listener.port = port;
      const protocol = optionalString(input, 'Protocol', INVALID);
      if (protocol) listener.protocol = protocol;
      if (input.DefaultActions !== undefined) {
        store.defaultRule(listener.arn).actions = actionsInput(
          store,
          input.DefaultActions,
        );
      }
      return { Listeners: [renderListener(store, listener)] };
    },
  };
}

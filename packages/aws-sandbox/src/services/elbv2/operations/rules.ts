import { AwsError } from '../../../core/AwsError';
import type { OperationHandler } from '../../../core/types';
import {
  optionalNumber,
  optionalString,
  requireString,
} from '../../../core/validate';
import type { ElbStore } from '../ElbStore';
import { renderRule } from '../render';
import { actionsInput } from './actionInput';
import { INVALID, elbPage, elbTagsInput, requireList } from './common';

/** Listener rules. */
export function ruleOperations(
  store: ElbStore,
): Record<string, OperationHandler> {
  return {
    CreateRule(input) {
      const listener = store.listener(
        requireString(input, 'ListenerArn', INVALID),
      );
      const priority = optionalNumber(input, 'Priority', INVALID);
      if (priority === undefined || priority < 1 || priority > 50000) {
        throw new AwsError(INVALID, 'Priority must be between 1 and 50000');
      }
      const rule = store.createRule(
        listener,
        String(priority),
        requireList(input.Conditions, 'Conditions'),
        actionsInput(store, input.Actions),
      );
      store.world.tags.tag(rule.arn, elbTagsInput(input.Tags));
      return { Rules: [renderRule(rule)] };
    },

    DescribeRules(input) {
      const arns = input.RuleArns as string[] | undefined;
      const listenerArn = optionalString(input, 'ListenerArn', INVALID);
      if (!arns?.length && !listenerArn) {
        throw new AwsError(
          INVALID,
          'You must specify either listener rule ARNs or a listener ARN',
        );
      }
      const list = listenerArn
        ? store.rulesOf(store.listener(listenerArn).arn)
        : arns!.map(a => store.rule(a));
      const { items, NextMarker } = elbPage(list, input);
      return { Rules: items.map(renderRule), NextMarker };
    },

    ModifyRule(input) {
      const rule = store.rule(requireString(input, 'RuleArn', INVALID));
      if (input.Actions !== undefined)
        rule.actions = actionsInput(store, input.Actions);
      if (input.Conditions !== undefined) {
        if (rule.isDefault) {
          throw new AwsError(
            'OperationNotPermitted',
            'Conditions cannot be set on a default rule',
          );
        }
        rule.conditions = requireList(input.Conditions, 'Conditions');
      }
      return { Rules: [renderRule(rule)] };
    },
  };
}

import type { OperationHandler } from '../../../core/types';
import type { ElbStore } from '../ElbStore';
import { listenerOperations } from './listeners';
import { loadBalancerOperations } from './loadBalancers';
import { ruleOperations } from './rules';
import { tagOperations } from './tags';
import { targetGroupOperations } from './targetGroups';

/** The ELBv2 operations the sandbox serves, keyed by Query `Action`. */
export function elbOperations(
  store: ElbStore,
): Record<string, OperationHandler> {
  return {
    ...loadBalancerOperations(store),
    ...targetGroupOperations(store),
    ...listenerOperations(store),
    ...ruleOperations(store),
    ...tagOperations(store),
  };
}

import type { OperationHandler } from '../../../core/types';
import type { TagStore } from '../../../world';
import { resourceOperations } from './resources';
import { tagKeyOperations } from './tagKeys';

/** The Resource Groups Tagging API operations the sandbox serves, keyed by operation name. */
export function taggingOperations(
  tags: TagStore,
): Record<string, OperationHandler> {
  return {
    ...resourceOperations(tags),
    ...tagKeyOperations(tags),
  };
}

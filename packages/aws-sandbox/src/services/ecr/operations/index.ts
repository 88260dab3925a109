import type { OperationHandler } from '../../../core/types';
import type { EcrStore } from '../EcrStore';
import { imageOperations } from './images';
import { repositoryOperations } from './repositories';
import { tagOperations } from './tags';

/** The ECR operations the sandbox serves, keyed by operation name. */
export function ecrOperations(
  store: EcrStore,
): Record<string, OperationHandler> {
  return {
    ...repositoryOperations(store),
    ...imageOperations(store),
    ...tagOperations(store),
  };
}

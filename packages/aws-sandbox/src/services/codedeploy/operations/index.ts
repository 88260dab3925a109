import type { OperationHandler } from '../../../core/types';
import type { CodeDeployStore } from '../CodeDeployStore';
import { applicationOperations } from './applications';
import { deploymentConfigOperations } from './deploymentConfigs';
import { deploymentGroupOperations } from './deploymentGroups';
import { deploymentOperations } from './deployments';
import { tagOperations } from './tags';
import { targetOperations } from './targets';

/**
 * The CodeDeploy operations the sandbox serves, keyed by operation name.
 *
 * @public
 */
export function codeDeployOperations(
  store: CodeDeployStore,
): Record<string, OperationHandler> {
  return {
    ...applicationOperations(store),
    ...deploymentGroupOperations(store),
    ...deploymentConfigOperations(store),
    ...deploymentOperations(store),
    ...targetOperations(store),
    ...tagOperations(store),
  };
}

import type { OperationHandler } from '../../../core/types';
import type { EcsStore } from '../EcsStore';
import { clusterOperations } from './clusters';
import { serviceDeploymentOperations } from './serviceDeployments';
import { serviceOperations } from './services';
import { tagOperations } from './tags';
import { taskDefinitionOperations } from './taskDefinitions';
import { taskOperations } from './tasks';
import { taskSetOperations } from './taskSets';

/** The ECS operations the sandbox serves, keyed by operation name. */
export function ecsOperations(
  store: EcsStore,
): Record<string, OperationHandler> {
  return {
    ...clusterOperations(store),
    ...taskDefinitionOperations(store),
    ...serviceOperations(store),
    ...serviceDeploymentOperations(store),
    ...taskSetOperations(store),
    ...taskOperations(store),
    ...tagOperations(store),
  };
}

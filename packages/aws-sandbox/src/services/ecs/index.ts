import type { ServiceModule } from '../../core/types';
import { advanceDeployments } from './deploymentMachine';
import { createEcsApi } from './ecsApi';
import { EcsStore } from './EcsStore';
import type { EcsState } from './model';
import { clusterOperations } from './operations/clusters';
import { serviceDeploymentOperations } from './operations/serviceDeployments';
import { serviceOperations } from './operations/services';
import { tagOperations } from './operations/tags';
import { taskDefinitionOperations } from './operations/taskDefinitions';
import { taskOperations } from './operations/tasks';
import { taskSetOperations } from './operations/taskSets';
import { progressTasks, reconcile } from './scheduler';

/**
 * Amazon ECS (JSON 1.1, `AmazonEC2ContainerServiceV20141113`).
 *
 * @public
 */
export const ecsModule: ServiceModule = {
  name: 'ecs',
  create(world) {
    const store = new EcsStore(world);
    world.ecs = createEcsApi(store);
    return {
      store: {
        tick(nowMs) {
          progressTasks(store, nowMs);
          advanceDeployments(store, nowMs);
          reconcile(store, nowMs);
          // Start-ups and drains decided above may already be due.
          progressTasks(store, nowMs);
          advanceDeployments(store, nowMs);
          store.pruneStoppedTasks();
        },
        snapshot: () => store.snapshot(),
        restore: data => store.restore(data as EcsState),
      },
      definitions: [
        {
          name: 'ecs',
          protocol: 'json1.1',
          targetPrefix: 'AmazonEC2ContainerServiceV20141113',
          validationErrorCode: 'InvalidParameterException',
          operations: {
            ...clusterOperations(store),
            ...taskDefinitionOperations(store),
            ...serviceOperations(store),
            ...serviceDeploymentOperations(store),
            ...taskSetOperations(store),
            ...taskOperations(store),
            ...tagOperations(store),
          },
        },
      ],
    };
  },
};

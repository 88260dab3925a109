import type { ServiceModule } from '../../core/types';
import { createEcsApi } from './ecsApi';
import { EcsStore } from './EcsStore';
import { ecsOperations } from './operations';

/**
 * Amazon ECS (JSON 1.1, `AmazonEC2ContainerServiceV20141113`): clusters, task
 * definitions, services with their deployments and task sets, and tasks
 * started and stopped by a simulated scheduler.
 *
 * @public
 */
export const ecsModule: ServiceModule = {
  name: 'ecs',
  create(world) {
    const store = new EcsStore(world);
    world.ecs = createEcsApi(store);
    return {
      store,
      definitions: [
        {
          name: 'ecs',
          protocol: 'json1.1',
          targetPrefix: 'AmazonEC2ContainerServiceV20141113',
          validationErrorCode: 'InvalidParameterException',
          operations: ecsOperations(store),
        },
      ],
    };
  },
};

import type { ServiceModule } from '../../core/types';
import { EcrStore, type EcrState } from './EcrStore';
import { ecrOperations } from './operations';

/**
 * Amazon ECR (JSON 1.1, `AmazonEC2ContainerRegistry_V20150921`).
 *
 * @public
 */
export const ecrModule: ServiceModule = {
  name: 'ecr',
  create(world) {
    const store = new EcrStore(world);
    world.ecr = store;
    return {
      store: {
        tick: () => {},
        snapshot: () => store.snapshot(),
        restore: data => store.restore(data as EcrState),
      },
      definitions: [
        {
          name: 'ecr',
          protocol: 'json1.1',
          targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
          validationErrorCode: 'InvalidParameterException',
          operations: ecrOperations(store),
        },
      ],
    };
  },
};

import type { ServiceModule } from '../../core/types';
import { EcrStore } from './EcrStore';
import { ecrOperations } from './operations';

/**
 * Amazon ECR (JSON 1.1, `AmazonEC2ContainerRegistry_V20150921`): repositories
 * and images; a push tells the world's subscribers (CodePipeline's ECR
 * sources).
 *
 * @public
 */
export const ecrModule: ServiceModule = {
  name: 'ecr',
  create(world) {
    const store = new EcrStore(world);
    world.ecr = store;
    return {
      store,
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

import type { ServiceModule } from '../../core/types';
import { CodePipelineStore } from './CodePipelineStore';
import { codePipelineOperations } from './operations';

export { CodePipelineStore } from './CodePipelineStore';
export { sourceKeyOf } from './sources/sourceKey';
export type * from './types';

/**
 * CodePipeline (JSON 1.1, `CodePipeline_20150709`): V2 pipelines whose
 * executions run on the clock; ECR pushes of a watched tag start them.
 *
 * @public
 */
export const codePipelineModule: ServiceModule = {
  name: 'codepipeline',
  create(world) {
    const store = new CodePipelineStore(world);
    return {
      store,
      definitions: [
        {
          name: 'codepipeline',
          protocol: 'json1.1',
          targetPrefix: 'CodePipeline_20150709',
          validationErrorCode: 'ValidationException',
          operations: codePipelineOperations(store),
        },
      ],
    };
  },
  link(world) {
    const store = world.stores.codepipeline as CodePipelineStore;
    // A world built without ECR (unit tests of other modules) has no pushes.
    if (world.stores.ecr) {
      world.ecr.onImagePushed(event => store.onImagePushed(event));
    }
  },
};

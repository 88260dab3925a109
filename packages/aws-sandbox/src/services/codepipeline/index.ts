import type { ServiceModule } from '../../core/types';
import { CodePipelineStore } from './CodePipelineStore';
import { codePipelineOperations } from './operations';

export { CodePipelineStore } from './CodePipelineStore';
export type * from './model';

/**
 * AWS CodePipeline (JSON 1.1, `CodePipeline_20150709`): pipelines whose
 * executions run on the clock; an ECR push of a watched tag starts them.
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
    world.ecr.onImagePushed(push =>
      world.stores.codepipeline.onImagePushed(push),
    );
  },
};

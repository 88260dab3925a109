import type { ServiceModule } from '../../core/types';
import { taggingOperations } from './operations';

/**
 * The Resource Groups Tagging API (JSON 1.1, `ResourceGroupsTaggingAPI_20170126`)
 * over the world's shared tag store.
 *
 * @public
 */
export const taggingModule: ServiceModule = {
  name: 'tagging',
  create(world) {
    return {
      // The tag store is the world's; the state file saves it separately.
      store: { tick: () => {}, snapshot: () => ({}), restore: () => {} },
      definitions: [
        {
          name: 'tagging',
          protocol: 'json1.1',
          targetPrefix: 'ResourceGroupsTaggingAPI_20170126',
          validationErrorCode: 'InvalidParameterException',
          operations: taggingOperations(world.tags),
        },
      ],
    };
  },
};

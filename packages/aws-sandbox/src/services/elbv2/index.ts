import type { ServiceModule } from '../../core/types';
import { ElbStore } from './ElbStore';
import type { ElbState } from './model';
import { elbOperations } from './operations';

/**
 * Elastic Load Balancing v2 (AWS Query, API version 2015-12-01).
 *
 * @public
 */
export const elbv2Module: ServiceModule = {
  name: 'elbv2',
  create(world) {
    const store = new ElbStore(world);
    world.elbv2 = store;
    return {
      store: {
        // Nothing moves by itself: weights change through the API or ECS/CodeDeploy.
        tick: () => {},
        snapshot: () => store.snapshot(),
        restore: data => store.restore(data as ElbState),
      },
      definitions: [
        {
          name: 'elbv2',
          protocol: 'query',
          apiVersion: '2015-12-01',
          xmlNamespace:
            'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
          validationErrorCode: 'ValidationError',
          operations: elbOperations(store),
        },
      ],
    };
  },
};

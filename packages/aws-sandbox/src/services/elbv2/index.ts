import type { ServiceModule } from '../../core/types';
import { ElbStore } from './ElbStore';
import { elbOperations } from './operations';

/**
 * Elastic Load Balancing v2 (AWS Query, API version 2015-12-01): load
 * balancers, target groups, listeners and rules with weighted forward actions.
 *
 * @public
 */
export const elbv2Module: ServiceModule = {
  name: 'elbv2',
  create(world) {
    const store = new ElbStore(world);
    world.elbv2 = store;
    return {
      store,
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

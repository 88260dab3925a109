import type { ServiceModule } from '../../core/types';
import { CodeDeployStore } from './CodeDeployStore';
import { codeDeployOperations } from './operations';

export { CodeDeployStore } from './CodeDeployStore';
export type * from './model';

/**
 * AWS CodeDeploy (JSON 1.1, `CodeDeploy_20141006`): applications, deployment
 * groups, deployment configs and ECS blue/green deployments moved by the
 * clock.
 *
 * @public
 */
export const codeDeployModule: ServiceModule = {
  name: 'codedeploy',
  create(world) {
    const store = new CodeDeployStore(world);
    world.codedeploy = store;
    return {
      store,
      definitions: [
        {
          name: 'codedeploy',
          protocol: 'json1.1',
          targetPrefix: 'CodeDeploy_20141006',
          validationErrorCode: 'InvalidInputException',
          operations: codeDeployOperations(store),
        },
      ],
    };
  },
};

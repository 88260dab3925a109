import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  ecsDeployApi,
  ecsDeployEntityCard,
  ecsDeploymentsEntityContent,
  ecsTrafficEntityContent,
} from './extensions';

/**
 * The ECS Deploy plugin for the new frontend system: the API, the entity's
 * Deployments and Traffic tabs, and the overview card, each shown only on
 * entities that `isEcsDeployAvailable` accepts.
 *
 * @alpha
 */
export const ecsDeployPlugin = createFrontendPlugin({
  pluginId: 'ecs-deploy',
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    ecsDeployApi,
    ecsDeploymentsEntityContent,
    ecsTrafficEntityContent,
    ecsDeployEntityCard,
  ],
});

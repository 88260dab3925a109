import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EcsDeployClient, ecsDeployApiRef } from '../api';
import { isEcsDeployAvailable } from '../isEcsDeployAvailable';
import { ecsDeployTranslationRef } from '../translation';
import {
  DEFAULT_DEPLOYMENTS_PATH,
  DEFAULT_TRAFFIC_PATH,
} from '../components/OverviewCard/paths';

/**
 * The ECS Deploy API client, `api:ecs-deploy`.
 *
 * @alpha
 */
export const ecsDeployApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ecsDeployApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EcsDeployClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The entity's Deployments tab, `entity-content:ecs-deploy/deployments`.
 *
 * @alpha
 */
export const ecsDeploymentsEntityContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: DEFAULT_DEPLOYMENTS_PATH,
    title: ecsDeployTranslationRef('entityContent.deployments.title'),
    group: 'deployment',
    // A function, not a predicate: `ecs-deploy.io/service-arn.<env>` keys
    // have no fixed name a predicate could test (see the README).
    filter: isEcsDeployAvailable,
    loader: () =>
      import('../components/DeploymentsContent').then(m => (
        <m.EcsDeploymentsContent />
      )),
  },
});

/**
 * The entity's Traffic tab, `entity-content:ecs-deploy/traffic`.
 *
 * @alpha
 */
export const ecsTrafficEntityContent = EntityContentBlueprint.make({
  name: 'traffic',
  params: {
    path: DEFAULT_TRAFFIC_PATH,
    title: ecsDeployTranslationRef('entityContent.traffic.title'),
    group: 'deployment',
    filter: isEcsDeployAvailable,
    loader: () =>
      import('../components/TrafficContent').then(m => <m.EcsTrafficContent />),
  },
});

/**
 * The overview card, `entity-card:ecs-deploy/overview`.
 *
 * @alpha
 */
export const ecsDeployEntityCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: isEcsDeployAvailable,
    loader: () =>
      import('../components/OverviewCard').then(m => (
        <m.EcsDeployOverviewCard />
      )),
  },
});

import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { EcsDeployClient, ecsDeployApiRef } from './api';

/**
 * The ECS Deploy plugin for the legacy frontend system
 * (`@backstage/core-plugin-api`). Apps on the new frontend system use the
 * default export of `@ecs-deploy/plugin-ecs-deploy/alpha` instead.
 *
 * @public
 */
export const ecsDeployPlugin = createPlugin({
  id: 'ecs-deploy',
  apis: [
    createApiFactory({
      api: ecsDeployApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EcsDeployClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The entity's Deployments tab: environments, history, metrics and a
 * deployment's detail, with the promotion controls.
 *
 * @public
 */
export const EntityEcsDeploymentsContent = ecsDeployPlugin.provide(
  createComponentExtension({
    name: 'EntityEcsDeploymentsContent',
    component: {
      lazy: () =>
        import('./components/DeploymentsContent').then(
          m => m.EcsDeploymentsContent,
        ),
    },
  }),
);

/**
 * The entity's Traffic tab: listeners, task sets and the progress of a
 * canary or linear shift, refreshed while a deployment runs.
 *
 * @public
 */
export const EntityEcsTrafficContent = ecsDeployPlugin.provide(
  createComponentExtension({
    name: 'EntityEcsTrafficContent',
    component: {
      lazy: () =>
        import('./components/TrafficContent').then(m => m.EcsTrafficContent),
    },
  }),
);

/**
 * A card for the entity's Overview tab: the current version and status per
 * environment, with links to the Deployments and Traffic tabs.
 *
 * @public
 */
export const EntityEcsDeployCard = ecsDeployPlugin.provide(
  createComponentExtension({
    name: 'EntityEcsDeployCard',
    component: {
      lazy: () =>
        import('./components/OverviewCard').then(m => m.EcsDeployOverviewCard),
    },
  }),
);

import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/ecs-deploy',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const ecsDeployPlugin = createFrontendPlugin({
  pluginId: 'ecs-deploy',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});

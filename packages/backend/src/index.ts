import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

// The local AWS stand-in with the demo fleet; `awsSandbox.enabled: false` turns it off.
backend.add(import('./modules/awsSandbox'));

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth: guest sign-in for the demo (https://backstage.io/docs/auth/guest/provider)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// scaffolder, with the ECS service actions
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@ecs-deploy/plugin-scaffolder-backend-module-ecs'));

// permissions: everyone reads, only an entity's owners act on its deployments
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

// search (Lunr in memory on SQLite, PostgreSQL when the database is PostgreSQL)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// ECS Deploy
backend.add(import('@ecs-deploy/plugin-ecs-deploy-backend'));

// MCP clients (AI agents) reach the actions of the plugins listed in
// `backend.actions.pluginSources` at /api/mcp-actions/v1, as the signed-in user.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();

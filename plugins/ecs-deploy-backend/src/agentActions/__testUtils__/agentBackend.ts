import {
  AuditorServiceEvent,
  BackstageCredentials,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  ActionsService,
  actionsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ecsDeployReadPermission } from '@ecs-deploy/plugin-ecs-deploy-common';
import { RunningSandbox } from '@ecs-deploy/aws-sandbox';
import { ecsDeployPlugin } from '../../plugin';
import { sandboxConfig } from '../../__testUtils__/sandboxFleet';

/** An audit event as the recording auditor saw it. */
export interface RecordedAudit {
  eventId: string;
  meta: Record<string, unknown>;
  outcome?: 'success' | 'fail';
  error?: Error;
}

/**
 * The demo portal's rule (packages/backend's OwnersActPolicy) as decisions:
 * everyone reads; a user takes the actions only on the entities their team
 * owns.
 */
function ownersActPermissions(
  entities: Entity[],
  teams: Record<string, string>,
) {
  const owners = new Map(
    entities.map(e => [stringifyEntityRef(e), String(e.spec?.owner)]),
  );
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) => {
      const { principal } = credentials as BackstageCredentials<any>;
      const team = principal?.userEntityRef && teams[principal.userEntityRef];
      return requests.map(r => ({
        result:
          r.permission.name === ecsDeployReadPermission.name ||
          (team && 'resourceRef' in r && owners.get(r.resourceRef!) === team)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  });
}

/**
 * The plugin against a sandbox with its actions registered in the real
 * actions registry (the test backend's default), and a stand-in for the MCP
 * actions backend: a plugin holding the actions service, which invokes an
 * action as the MCP backend does, over HTTP on behalf of the caller's
 * credentials. Read caches are off, the auditor records, and no scheduled
 * task runs (the reconciler would settle ledger rows behind the test's back).
 */
export async function startAgentBackend(
  sb: RunningSandbox,
  entities: Entity[],
  options: {
    /** The team of each user, e.g. `user:default/guest`: `team-payments`. */
    teams: Record<string, string>;
    /** Also the MCP actions backend, at `/api/mcp-actions/v1`. */
    mcp?: boolean;
  },
) {
  const audits: RecordedAudit[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async ({ eventId, meta }) => {
      const event: RecordedAudit = { eventId, meta: { ...meta } };
      audits.push(event);
      const recorded: AuditorServiceEvent = {
        async success(o) {
          event.outcome = 'success';
          Object.assign(event.meta, o?.meta);
        },
        async fail(o) {
          event.outcome = 'fail';
          event.error = o.error;
        },
      };
      return recorded;
    }),
  });
  let agentActions: ActionsService | undefined;
  const agent = createBackendPlugin({
    pluginId: 'agent',
    register(env) {
      env.registerInit({
        deps: { actions: actionsServiceRef },
        async init({ actions }) {
          agentActions = actions;
        },
      });
    },
  });
  const config = sandboxConfig(sb);
  const backend = await startTestBackend({
    features: [
      ecsDeployPlugin,
      agent,
      ...(options.mcp ? [mcpActionsPlugin] : []),
      mockServices.rootConfig.factory({
        data: {
          ...config,
          backend: { actions: { pluginSources: ['ecs-deploy'] } },
          ecsDeploy: {
            ...config.ecsDeploy,
            cache: { activeTtlSeconds: 0, listTtlSeconds: 0 },
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
      ownersActPermissions(entities, options.teams).factory,
      mockServices.scheduler.mock({ scheduleTask: jest.fn() }).factory,
      auditor.factory,
    ],
  });
  return { backend, audits, actions: agentActions! };
}

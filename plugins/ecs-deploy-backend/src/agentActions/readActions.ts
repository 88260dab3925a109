import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ecsDeployReadPermission } from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployActionService } from '../actions/EcsDeployActionService';
import {
  AuthorizedEntity,
  authorizeEntity,
} from '../permissions/authorizeEntity';
import {
  EntityReadDeps,
  deploymentDetail,
  historyPage,
} from '../routes/entityReads';
import { entityOf, entityRefField } from './entityInput';
import {
  entityOperation,
  operationDescription,
  operationFields,
  operationOutput,
  operationTitle,
} from './specOperations';

/** What the read actions need: the read routes' services. */
export interface ReadActionDeps extends EntityReadDeps {
  catalog: CatalogService;
  permissions: PermissionsService;
  actions: Pick<EcsDeployActionService, 'actionsOn' | 'preview'>;
}

// The fields of the operation, validated by the registry against the spec.
type Input = Record<string, any>;

/**
 * The reads an agent needs to act as a person would: where each
 * environment stands and what it offers, the history, one deployment,
 * traffic, the running tasks, and the promotion preview whose digest `promote` takes.
 * Each is the HTTP route's operation: its parameters, its answer.
 */
const READS: Array<{
  name: string;
  path: string;
  read: (
    deps: ReadActionDeps,
    caller: AuthorizedEntity,
    input: Input,
  ) => Promise<object>;
}> = [
  {
    name: 'get-environments',
    path: '/environments',
    read: (deps, { entity }) => deps.reads.overviews(entity),
  },
  {
    name: 'get-history',
    path: '/history',
    read: (deps, caller, input) => historyPage(deps, caller, input),
  },
  {
    name: 'get-deployment',
    path: '/deployments/{deploymentId}',
    read: (deps, caller, input) =>
      deploymentDetail(deps, caller, input.environment, input.deploymentId),
  },
  {
    name: 'get-traffic',
    path: '/traffic',
    read: (deps, { entity }, input) =>
      deps.reads.traffic(entity, input.environment),
  },
  {
    name: 'get-running-tasks',
    path: '/tasks',
    read: (deps, { entity }, input) =>
      deps.reads.runningTasks(entity, input.environment),
  },
  {
    name: 'get-promotion-preview',
    path: '/promotion-preview',
    read: (deps, caller, input) =>
      deps.actions.preview(caller, input.from, input.to),
  },
];

const AS_CALLER =
  'Reads as the calling user: the entity must be visible to them in the catalog and they need ecs-deploy.read on it.';

/** Registers the reads, each with the read permission of the HTTP routes. */
export function registerReadActions(
  registry: ActionsRegistryService,
  deps: ReadActionDeps,
): void {
  for (const { name, path, read } of READS) {
    const operation = entityOperation('get', path);
    registry.register({
      name,
      title: `ECS Deploy: ${operationTitle(operation)}`,
      description: `${operationDescription(operation)} ${AS_CALLER}`,
      attributes: { readOnly: true, destructive: false, idempotent: true },
      schema: {
        input: z =>
          z.object({
            entityRef: entityRefField(z),
            ...operationFields(z, operation),
          }),
        output: z => operationOutput(z, operation),
      },
      action: async ({ input, credentials }) => {
        const caller = await authorizeEntity(
          deps,
          credentials as BackstageCredentials,
          entityOf(input.entityRef),
          ecsDeployReadPermission,
        );
        return { output: await read(deps, caller, input as Input) };
      },
    });
  }
}

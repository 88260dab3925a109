import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ECS_DEPLOY_ACTION_NAMES,
  ECS_DEPLOY_ACTION_PERMISSIONS,
  EcsDeployActionName,
  IDEMPOTENCY_KEY_HEADER,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { parseActionRequest } from '../actions/actionRequest';
import { EcsDeployActionService } from '../actions/EcsDeployActionService';
import { actingUser, authorizeEntity } from '../permissions/authorizeEntity';
import { auditedAgentAction } from './agentAudit';
import { entityOf, entityRefField } from './entityInput';
import {
  entityOperation,
  headerSchema,
  operationDescription,
  operationFields,
  operationOutput,
  operationTitle,
} from './specOperations';

/** What the promotion actions need: the action routes' services. */
export interface PromotionActionDeps {
  catalog: CatalogService;
  permissions: PermissionsService;
  auditor: AuditorService;
  actions: EcsDeployActionService;
}

/**
 * Whether each action may do what cannot be taken back by another action
 * (MCP's destructiveHint). Every one is idempotent: the required key makes
 * a repeat answer the first outcome.
 */
const DESTRUCTIVE: Record<EcsDeployActionName, boolean> = {
  // production traffic moves to the new version
  continue: true,
  // the original task set is terminated: no rollback to it afterwards
  'finish-early': true,
  rollback: true,
  // the execution goes on to deploy, or fails
  approve: true,
  // deploys the source's latest revision
  'start-pipeline': true,
  'retry-stage': true,
  // the target environment's tag moves, which deploys the image there
  promote: true,
  // adds a task set taking test traffic only; abort-release removes it
  'start-release': false,
  'shift-traffic': true,
  // deletes the previous task set
  'promote-release': true,
  // deletes the release's task set
  'abort-release': true,
};

const AS_CALLER =
  'Acts as the calling user, who must be a signed-in user with the permission on the entity; the AWS resource must carry the entity’s owner tag. The `offers` in the answers of get-environments and get-history say which actions the state allows now, with the request fields to pass (or why not); promote takes the digest get-promotion-preview shows. The ledger and the history record who acted.';

const IDEMPOTENCY =
  'A new key (e.g. a UUID) for each action you mean to take, the same key when retrying it: a request with a key already used for this entity does not act again but answers what the first one did (replay: true).';

/** Registers one action per promotion endpoint, on the same path as its route. */
export function registerPromotionActions(
  registry: ActionsRegistryService,
  deps: PromotionActionDeps,
): void {
  for (const action of ECS_DEPLOY_ACTION_NAMES) {
    const operation = entityOperation('post', `/actions/${action}`);
    const permission = ECS_DEPLOY_ACTION_PERMISSIONS[action];
    registry.register({
      name: action,
      title: `ECS Deploy: ${operationTitle(operation)}`,
      description: `${operationDescription(operation)} ${AS_CALLER}`,
      attributes: {
        readOnly: false,
        destructive: DESTRUCTIVE[action],
        idempotent: true,
      },
      schema: {
        input: z =>
          z.object({
            entityRef: entityRefField(z),
            ...operationFields(z, operation),
            idempotencyKey: headerSchema(
              z,
              operation,
              IDEMPOTENCY_KEY_HEADER,
            ).describe(IDEMPOTENCY),
          }),
        output: z =>
          operationOutput(z, operation).extend({
            replay: z
              .boolean()
              .describe(
                'Whether this answers an earlier request with the same idempotencyKey instead of acting.',
              ),
          }),
      },
      action: async ({ input, credentials }) => {
        const { entityRef, idempotencyKey, ...body } = input;
        const ref = entityOf(entityRef);
        return auditedAgentAction(
          deps.auditor,
          {
            action,
            entityRef: stringifyEntityRef(ref),
            credentials: credentials as BackstageCredentials,
          },
          async () => {
            // As the route: the body's rules, the permission, the user, the service.
            const request = parseActionRequest(action, body);
            const caller = await authorizeEntity(
              deps,
              credentials as BackstageCredentials,
              ref,
              permission,
            );
            const actor = actingUser(caller.credentials);
            const { response, replay } = await deps.actions.perform(
              { entity: caller.entity, entityRef: caller.entityRef, actor },
              request,
              idempotencyKey,
            );
            return {
              result: { output: { ...response, replay } },
              meta: {
                environment: request.environment,
                ledgerEntryId: response.ledgerEntry.id,
                awsResource: response.ledgerEntry.awsResource ?? null,
                replay,
              },
            };
          },
        );
      },
    });
  }
}

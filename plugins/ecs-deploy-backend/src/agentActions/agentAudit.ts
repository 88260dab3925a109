import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { EcsDeployActionName } from '@ecs-deploy/plugin-ecs-deploy-common';

// The auditor names the actor from an HTTP request; an invocation through
// the actions registry has none here, so the event names who called.
function callerOf(credentials: BackstageCredentials): string {
  const { principal } = credentials as BackstageCredentials<any>;
  if (principal?.type === 'user') return principal.userEntityRef;
  if (principal?.type === 'service') return principal.subject;
  return 'none';
}

/**
 * Runs an action invoked through the actions registry inside the same
 * `ecs-deployment-action` audit event as the HTTP routes' (actionAudit.ts),
 * opened before the entity is authorized so that a refusal is audited too.
 * Its success carries what the routes' does (environment, ledger entry, AWS
 * resource, replay).
 */
export async function auditedAgentAction<T>(
  auditor: AuditorService,
  call: {
    action: EcsDeployActionName;
    entityRef: string;
    credentials: BackstageCredentials;
  },
  perform: () => Promise<{ result: T; meta: JsonObject }>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: 'ecs-deployment-action',
    severityLevel: 'medium',
    meta: {
      action: call.action,
      entityRef: call.entityRef,
      actor: callerOf(call.credentials),
      via: 'actions-registry',
    },
  });
  try {
    const { result, meta } = await perform();
    await event.success({ meta });
    return result;
  } catch (error) {
    await event.fail({
      error: isError(error) ? error : new Error(String(error)),
    });
    throw error;
  }
}

import { InputError } from '@backstage/errors';
import {
  EcsDeployActionName,
  EcsDeployActionRequest,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { spec } from '../schema/openapi';
import { ACTED_ON_KINDS, deploymentIdExpected } from '../systems/registry';

type Schema = { $ref?: string; properties?: Record<string, unknown> };

// A `#/components/...` reference of the spec, resolved.
function resolve<T extends Schema>(node: T): T {
  if (!node.$ref) return node;
  const target = node.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((at, key) => at?.[key], spec);
  return resolve(target);
}

/** The properties the spec declares for the action's body. */
function bodyFields(action: EcsDeployActionName): string[] {
  const operation =
    spec.paths[`/entities/{kind}/{namespace}/{name}/actions/${action}`].post;
  const body = resolve<any>(operation.requestBody);
  return Object.keys(
    resolve<Schema>(body.content['application/json'].schema).properties ?? {},
  );
}

const invalid = (field: string, message: string) =>
  new InputError(`Invalid request: ${field}: ${message}`);

/*
 * The rules of an action's body the spec cannot state: which history ids
 * the deployment systems act on (the registry's, not a fixed pattern), a
 * comment that is not blank when rejecting, a promotion between two
 * different environments.
 */
function checkRules(action: EcsDeployActionName, body: Record<string, any>) {
  if ('deploymentId' in body) {
    const kind = parseDeploymentId(String(body.deploymentId))?.kind;
    if (!kind || !ACTED_ON_KINDS.includes(kind)) {
      throw invalid('deploymentId', `must be ${deploymentIdExpected()}`);
    }
  }
  if (action === 'approve' && body.decision === 'Rejected' && !body.comment) {
    throw invalid('comment', 'required when rejecting: say why');
  }
  if (
    action === 'start-release' &&
    (body.from === undefined) === (body.imageTag === undefined)
  ) {
    throw invalid(
      'from',
      'give exactly one of from (the environment whose image to release) and imageTag',
    );
  }
  if (
    (action === 'promote' || action === 'start-release') &&
    body.from !== undefined &&
    body.from === body.environment
  ) {
    throw invalid(
      'from',
      `must differ from environment ('${body.environment}')`,
    );
  }
}

/**
 * The action request from a body the router validated against the spec
 * (or one the ledger stored from such a body): only the fields the spec
 * declares for the action, the comment trimmed, and the rules above checked
 * (an InputError naming the field).
 */
export function parseActionRequest(
  action: EcsDeployActionName,
  body: unknown,
): EcsDeployActionRequest {
  const given = (body ?? {}) as Record<string, unknown>;
  const request: Record<string, unknown> = {};
  for (const field of bodyFields(action)) {
    if (given[field] !== undefined) request[field] = given[field];
  }
  const comment =
    typeof request.comment === 'string' ? request.comment.trim() : undefined;
  if (comment) request.comment = comment;
  else delete request.comment;
  checkRules(action, request);
  return { action, ...request } as EcsDeployActionRequest;
}

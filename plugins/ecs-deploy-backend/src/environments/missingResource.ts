import { NotFoundError } from '@backstage/errors';
import {
  EnvironmentResource,
  EnvironmentResourceType,
  RESOURCE_NOT_FOUND_CODE,
  describeMissingResource,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { errorCodeOf } from '@ecs-deploy/plugin-ecs-deploy-node';
import { ResolvedEnvironment } from './ResolvedEnvironment';

// AWS's exception names for "no such resource", by the kind of resource of
// an environment they concern. A missing cluster leaves no service.
const MISSING: Record<string, EnvironmentResourceType> = {
  ServiceNotFoundException: 'ecs-service',
  ClusterNotFoundException: 'ecs-service',
  PipelineNotFoundException: 'codepipeline',
  DeploymentGroupDoesNotExistException: 'codedeploy-deployment-group',
  ApplicationDoesNotExistException: 'codedeploy-deployment-group',
};

/**
 * AWS does not know a resource the entity's annotations or tags name: a
 * 404 with code `ResourceNotFound` that says which resource, where, and
 * from which annotation. The AWS error is its cause, for the log.
 */
export class ResourceNotFoundError extends NotFoundError {
  readonly code = RESOURCE_NOT_FOUND_CODE;

  constructor(
    readonly resource: EnvironmentResource,
    readonly annotation: string | undefined,
    cause?: Error,
  ) {
    const message = describeMissingResource(resource, annotation);
    super(message, cause);
    // The cause's text says how AWS put it, not what is missing.
    this.message = message;
  }
}

function namedResource(
  env: ResolvedEnvironment,
  type: EnvironmentResourceType,
): { resource: EnvironmentResource; annotation?: string } | undefined {
  const keys = env.annotationKeys ?? {};
  if (type === 'ecs-service' && env.service) {
    const { serviceName, accountId, region, arn } = env.service;
    return {
      resource: { type, name: serviceName, accountId, region, arn },
      annotation: keys.serviceArn,
    };
  }
  if (type === 'codepipeline' && env.pipeline) {
    const { name, accountId, region, arn } = env.pipeline;
    return {
      resource: { type, name, accountId, region, arn },
      annotation: keys.pipelineArn,
    };
  }
  if (type === 'codedeploy-deployment-group' && env.codeDeploy) {
    const { application, deploymentGroup } = env.codeDeploy;
    return {
      resource: {
        type,
        name: `${application}/${deploymentGroup}`,
        accountId: env.accountId,
        region: env.region,
      },
      annotation: keys.codeDeploy,
    };
  }
  return undefined;
}

/**
 * The error to answer for a failed read of `env`: AWS's "no such service,
 * pipeline or deployment group" about one of the environment's own
 * resources becomes a {@link ResourceNotFoundError} naming it; any other
 * error stays as it is.
 */
export function namingMissingResource(
  env: ResolvedEnvironment,
  error: unknown,
): unknown {
  if (error instanceof ResourceNotFoundError || !NotFoundError.is(error)) {
    return error;
  }
  const type = MISSING[errorCodeOf(error) ?? ''];
  const named = type && namedResource(env, type);
  return named
    ? new ResourceNotFoundError(named.resource, named.annotation, error)
    : error;
}

/** Runs a read of `env`, naming the missing resource if it fails for one. */
export async function readNamingMissing<T>(
  env: ResolvedEnvironment,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw namingMissingResource(env, error);
  }
}

import type {
  EnvironmentError,
  EnvironmentResource,
  EnvironmentResourceType,
} from './api/environments';

/**
 * The error code of "AWS does not know a resource the entity's annotations
 * or tags name" (a 404): in an error body's `error.code` and in an
 * {@link EnvironmentError}'s `code`.
 *
 * @public
 */
export const RESOURCE_NOT_FOUND_CODE = 'ResourceNotFound';

const RESOURCE_NAMES: Record<EnvironmentResourceType, string> = {
  'ecs-service': 'ECS service',
  codepipeline: 'CodePipeline pipeline',
  'codedeploy-deployment-group': 'CodeDeploy deployment group',
};

/**
 * How a missing resource is said: "ECS service payments-api was not found
 * in 333333333333 / eu-west-1 (ecs-deploy.io/service-arn.prod)".
 *
 * @public
 */
export function describeMissingResource(
  resource: EnvironmentResource,
  annotation?: string,
): string {
  return `${RESOURCE_NAMES[resource.type]} ${resource.name} was not found in ${
    resource.accountId
  } / ${resource.region}${annotation ? ` (${annotation})` : ''}`;
}

/**
 * True for an error (an {@link EnvironmentError}, or an error body's
 * `error`) saying that AWS does not know a resource the entity names.
 *
 * @public
 */
export function isResourceNotFound(
  error: { code?: unknown } | undefined,
): boolean {
  return error?.code === RESOURCE_NOT_FOUND_CODE;
}

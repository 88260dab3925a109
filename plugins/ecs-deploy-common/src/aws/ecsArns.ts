import { ArnScope, AwsResourceRef, formatArn, parseResourceArn } from './arns';

/**
 * An ECS cluster as named by its ARN (`...:cluster/<cluster>`).
 *
 * @public
 */
export interface EcsClusterRef extends AwsResourceRef {
  /** The cluster's name. */
  cluster: string;
}

/** The ARN of a cluster. @public */
export function ecsClusterArn(ref: ArnScope & { cluster: string }): string {
  return formatArn(ref, 'ecs', `cluster/${ref.cluster}`);
}

/** Parses a cluster ARN, or returns undefined for any other string. @public */
export function parseEcsClusterArn(arn: string): EcsClusterRef | undefined {
  return parseResourceArn(arn, 'ecs', /^cluster\/([^/]+)$/, ([cluster]) => ({
    cluster,
  }));
}

/**
 * An ECS service as named by its ARN. Both ARN formats are accepted: the
 * current `service/<cluster>/<service>` and the old `service/<service>`
 * (cluster `default`).
 *
 * @public
 */
export interface EcsServiceRef extends AwsResourceRef {
  /** The cluster's name (`default` in an old-format ARN). */
  cluster: string;
  /** The service's name. */
  serviceName: string;
}

/** The ARN of a service, in the current format `...:service/<cluster>/<service>`. @public */
export function ecsServiceArn(
  ref: ArnScope & { cluster: string; serviceName: string },
): string {
  return formatArn(ref, 'ecs', `service/${ref.cluster}/${ref.serviceName}`);
}

/** Parses a service ARN of either format, or returns undefined for any other string. @public */
export function parseEcsServiceArn(arn: string): EcsServiceRef | undefined {
  return parseResourceArn(
    arn,
    'ecs',
    /^service\/(?:([^/]+)\/)?([^/]+)$/,
    ([cluster, serviceName]) => ({
      cluster: cluster ?? 'default',
      serviceName,
    }),
  );
}

/**
 * A task definition revision as named by its ARN
 * (`...:task-definition/<family>:<revision>`).
 *
 * @public
 */
export interface EcsTaskDefinitionRef extends AwsResourceRef {
  /** The task definition family. */
  family: string;
  /** The revision, from 1. */
  revision: number;
}

/** The ARN of a task definition revision. @public */
export function ecsTaskDefinitionArn(
  ref: ArnScope & { family: string; revision: number },
): string {
  return formatArn(ref, 'ecs', `task-definition/${ref.family}:${ref.revision}`);
}

/** Parses a task definition revision's ARN, or returns undefined for any other string. @public */
export function parseEcsTaskDefinitionArn(
  arn: string,
): EcsTaskDefinitionRef | undefined {
  return parseResourceArn(
    arn,
    'ecs',
    /^task-definition\/([^/:]+):([1-9]\d*)$/,
    ([family, revision]) => ({ family, revision: Number(revision) }),
  );
}

/**
 * A service deployment as named by its ARN
 * (`...:service-deployment/<cluster>/<service>/<id>`).
 *
 * @public
 */
export interface EcsServiceDeploymentRef extends AwsResourceRef {
  /** The cluster's name. */
  cluster: string;
  /** The service's name. */
  serviceName: string;
  /** The service deployment's id. */
  id: string;
}

/** The ARN of a service deployment. @public */
export function ecsServiceDeploymentArn(
  ref: ArnScope & { cluster: string; serviceName: string; id: string },
): string {
  return formatArn(
    ref,
    'ecs',
    `service-deployment/${ref.cluster}/${ref.serviceName}/${ref.id}`,
  );
}

/** Parses a service deployment's ARN, or returns undefined for any other string. @public */
export function parseEcsServiceDeploymentArn(
  arn: string,
): EcsServiceDeploymentRef | undefined {
  return parseResourceArn(
    arn,
    'ecs',
    /^service-deployment\/([^/]+)\/([^/]+)\/([^/]+)$/,
    ([cluster, serviceName, id]) => ({ cluster, serviceName, id }),
  );
}

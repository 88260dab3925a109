/**
 * The parts of an ARN: `arn:partition:service:region:account:resource`.
 *
 * @public
 */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the account, e.g. `service/cluster/name`. */
  resource: string;
  /** The resource split on `/` (or `:` when there is no `/`). */
  resourceParts: string[];
}

/**
 * Parses an ARN, or returns undefined when the string is not one.
 *
 * @public
 */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, accountId, ...rest] = parts;
  const resource = rest.join(':');
  if (!partition || !service || !resource) return undefined;
  const resourceParts = resource.includes('/')
    ? resource.split('/')
    : resource.split(':');
  return { partition, service, region, accountId, resource, resourceParts };
}

/**
 * An ECS service as named by its ARN. Both ARN formats are accepted: the
 * current `service/<cluster>/<service>` and the old `service/<service>`
 * (cluster `default`).
 *
 * @public
 */
export interface EcsServiceRef {
  arn: string;
  accountId: string;
  region: string;
  cluster: string;
  serviceName: string;
}

/**
 * Parses an ECS service ARN.
 *
 * @public
 */
export function parseEcsServiceArn(arn: string): EcsServiceRef | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'ecs') return undefined;
  const [type, ...names] = parsed.resource.split('/');
  if (type !== 'service' || names.length < 1 || names.length > 2) {
    return undefined;
  }
  const [cluster, serviceName] =
    names.length === 2 ? names : ['default', names[0]];
  if (!cluster || !serviceName) return undefined;
  return {
    arn,
    accountId: parsed.accountId,
    region: parsed.region,
    cluster,
    serviceName,
  };
}

/**
 * A CodePipeline as named by its ARN (`arn:aws:codepipeline:region:account:name`).
 *
 * @public
 */
export interface PipelineRef {
  arn: string;
  accountId: string;
  region: string;
  name: string;
}

/**
 * Parses a CodePipeline ARN.
 *
 * @public
 */
export function parsePipelineArn(arn: string): PipelineRef | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'codepipeline') return undefined;
  return {
    arn,
    accountId: parsed.accountId,
    region: parsed.region,
    name: parsed.resource,
  };
}

/**
 * An ECR repository as named by its ARN
 * (`arn:aws:ecr:region:account:repository/name`).
 *
 * @public
 */
export interface EcrRepositoryRef {
  arn: string;
  accountId: string;
  region: string;
  name: string;
}

/**
 * Parses an ECR repository ARN.
 *
 * @public
 */
export function parseEcrRepositoryArn(
  arn: string,
): EcrRepositoryRef | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'ecr') return undefined;
  if (!parsed.resource.startsWith('repository/')) return undefined;
  const name = parsed.resource.slice('repository/'.length);
  if (!name) return undefined;
  return { arn, accountId: parsed.accountId, region: parsed.region, name };
}

/**
 * The last `/`-separated part of an ARN or id, e.g. a task id from a task ARN.
 *
 * @public
 */
export function arnResourceId(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash === -1 ? arn : arn.slice(slash + 1);
}

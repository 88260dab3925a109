import { partitionOfRegion } from './partition';

/**
 * The parts of an ARN: `arn:partition:service:region:account:resource`.
 *
 * @public
 */
export interface ParsedArn {
  /** `aws`, `aws-cn`, `aws-us-gov`, ... */
  partition: string;
  /** The service namespace, e.g. `ecs`, `elasticloadbalancing`. */
  service: string;
  /** Empty for global resources (IAM). */
  region: string;
  /** Empty for resources without an account (S3 buckets). */
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
 * The partition named by an ARN (`aws`, `aws-cn`, ...), or undefined when the
 * string is not an ARN.
 *
 * @public
 */
export function partitionOfArn(arn: string): string | undefined {
  return parseArn(arn)?.partition;
}

/**
 * Where a resource lives. Without `partition`, the region's partition is
 * used (see `partitionOfRegion`); pass the partition of a related ARN to
 * build a sibling of it.
 *
 * @public
 */
export interface ArnScope {
  /** The 12-digit account. */
  accountId: string;
  /** The region, e.g. `eu-west-1`. */
  region: string;
  /** Default: the region's partition. */
  partition?: string;
}

/**
 * What every resource ARN parsed by this package carries.
 *
 * @public
 */
export interface AwsResourceRef {
  /** The ARN as given. */
  arn: string;
  /** The partition the ARN names. */
  partition: string;
  /** The account the ARN names. */
  accountId: string;
  /** The region the ARN names. */
  region: string;
}

/**
 * `arn:<partition>:<service>:<region>:<account>:<resource>`.
 *
 * @public
 */
export function formatArn(
  scope: ArnScope,
  service: string,
  resource: string,
): string {
  const partition = scope.partition ?? partitionOfRegion(scope.region);
  return `arn:${partition}:${service}:${scope.region}:${scope.accountId}:${resource}`;
}

/**
 * Parses an ARN of `service` whose resource matches `pattern`, handing the
 * pattern's groups to `fields`.
 */
export function parseResourceArn<T>(
  arn: string,
  service: string,
  pattern: RegExp,
  fields: (groups: string[]) => T,
): (AwsResourceRef & T) | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== service) return undefined;
  const match = pattern.exec(parsed.resource);
  if (!match) return undefined;
  return {
    arn,
    partition: parsed.partition,
    accountId: parsed.accountId,
    region: parsed.region,
    ...fields(match.slice(1)),
  };
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

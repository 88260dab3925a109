import { parseArn, type Scope } from '../../core/arns';
import { AwsError } from '../../core/AwsError';

/*
 * ECS takes a cluster, service or task definition by name or by ARN: a name
 * is in the caller's account and region, an ARN names its own.
 */

/** Scope of an ARN, or of the caller for a plain name. */
export function scopeOf(nameOrArn: string, caller: Scope): Scope {
  if (!nameOrArn.startsWith('arn:')) return caller;
  const parsed = parseArn(nameOrArn);
  if (!parsed) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid ARN: ${nameOrArn}`,
    );
  }
  return { accountId: parsed.accountId, region: parsed.region };
}

/** Last path segment of an ARN (`service/c/name` -> `name`), or the input itself. */
export function nameOf(nameOrArn: string): string {
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const parsed = parseArn(nameOrArn);
  return parsed ? parsed.path[parsed.path.length - 1] : nameOrArn;
}

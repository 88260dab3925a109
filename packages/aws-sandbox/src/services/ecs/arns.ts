import { AwsError } from '../../core/AwsError';

/*
 * ECS ARNs in the long format AWS uses today
 * (`arn:aws:ecs:<region>:<account>:service/<cluster>/<service>`).
 */

export interface Scope {
  accountId: string;
  region: string;
}

const prefix = (s: Scope) => `arn:aws:ecs:${s.region}:${s.accountId}`;

export const clusterArn = (s: Scope, name: string) =>
  `${prefix(s)}:cluster/${name}`;
export const serviceArn = (s: Scope, cluster: string, name: string) =>
  `${prefix(s)}:service/${cluster}/${name}`;
export const taskDefinitionArn = (s: Scope, family: string, rev: number) =>
  `${prefix(s)}:task-definition/${family}:${rev}`;
export const taskArn = (s: Scope, cluster: string, id: string) =>
  `${prefix(s)}:task/${cluster}/${id}`;
export const taskSetArn = (
  s: Scope,
  cluster: string,
  service: string,
  id: string,
) => `${prefix(s)}:task-set/${cluster}/${service}/${id}`;
export const serviceDeploymentArn = (
  s: Scope,
  cluster: string,
  service: string,
  id: string,
) => `${prefix(s)}:service-deployment/${cluster}/${service}/${id}`;
export const serviceRevisionArn = (
  s: Scope,
  cluster: string,
  service: string,
  id: string,
) => `${prefix(s)}:service-revision/${cluster}/${service}/${id}`;

export interface ParsedArn extends Scope {
  service: string;
  resourceType: string;
  /** the part after `type/` split on `/` */
  path: string[];
}

/** Parses any `arn:aws:<service>:<region>:<account>:<type>/<a>/<b>` ARN. */
export function parseArn(arn: string): ParsedArn | undefined {
  const match = /^arn:aws[\w-]*:([\w-]+):([\w-]*):(\d*):([^/:]+)[/:](.+)$/.exec(
    arn,
  );
  if (!match) return undefined;
  return {
    service: match[1],
    region: match[2],
    accountId: match[3],
    resourceType: match[4],
    path: match[5].split('/'),
  };
}

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

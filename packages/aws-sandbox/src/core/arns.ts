/*
 * Every ARN the sandbox writes or reads, in the formats AWS uses today (ECS's
 * long ARN format included), and ECR's repository addresses. The partition
 * follows the region, as AWS's does.
 */

/** The account and region a resource lives in. @public */
export interface Scope {
  accountId: string;
  region: string;
}

/** @public */
export interface ParsedArn extends Scope {
  partition: string;
  service: string;
  /** everything after the account, e.g. `service/shop/web` */
  resource: string;
  /** `service` of `service/shop/web`; empty for a bare name (a pipeline) */
  resourceType: string;
  /** the rest split on `/`: `['shop', 'web']` */
  path: string[];
}

/** `aws-cn` for China regions, `aws-us-gov` for GovCloud, else `aws`. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const arn = (service: string, s: Scope, resource: string) =>
  `arn:${partitionOf(s.region)}:${service}:${s.region}:${
    s.accountId
  }:${resource}`;

/** Parses `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export function parseArn(value: string): ParsedArn | undefined {
  const match = /^arn:(aws[\w-]*):([\w-]+):([\w-]*):(\d*):(.+)$/.exec(value);
  if (!match) return undefined;
  const [, partition, service, region, accountId, resource] = match;
  const typed = /^([^/:]+)[/:](.+)$/.exec(resource);
  return {
    partition,
    service,
    region,
    accountId,
    resource,
    resourceType: typed ? typed[1] : '',
    path: (typed ? typed[2] : resource).split('/'),
  };
}

// ---- Amazon ECS ----

export const ecsClusterArn = (s: Scope, name: string) =>
  arn('ecs', s, `cluster/${name}`);
export const ecsServiceArn = (s: Scope, cluster: string, name: string) =>
  arn('ecs', s, `service/${cluster}/${name}`);
export const ecsTaskDefinitionArn = (s: Scope, family: string, rev: number) =>
  arn('ecs', s, `task-definition/${family}:${rev}`);
export const ecsTaskArn = (s: Scope, cluster: string, id: string) =>
  arn('ecs', s, `task/${cluster}/${id}`);
export const ecsTaskSetArn = (
  s: Scope,
  cluster: string,
  service: string,
  id: string,
) => arn('ecs', s, `task-set/${cluster}/${service}/${id}`);
export const ecsServiceDeploymentArn = (
  s: Scope,
  cluster: string,
  service: string,
  id: string,
) => arn('ecs', s, `service-deployment/${cluster}/${service}/${id}`);
export const ecsServiceRevisionArn = (
  s: Scope,
  cluster: string,
  service: string,
  id: string,
) => arn('ecs', s, `service-revision/${cluster}/${service}/${id}`);

// ---- Amazon ECR ----

export const ecrRepositoryArn = (s: Scope, name: string) =>
  arn('ecr', s, `repository/${name}`);
/** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`, `.com.cn` in China. */
export const ecrRepositoryUri = (s: Scope, name: string) =>
  `${s.accountId}.dkr.ecr.${s.region}.amazonaws.com${
    partitionOf(s.region) === 'aws-cn' ? '.cn' : ''
  }/${name}`;

// ---- Elastic Load Balancing v2 ----

/** `app`, `net` or `gwy` by load balancer type, as in AWS's ARNs. */
const LOAD_BALANCER_TYPE: Record<string, string> = {
  network: 'net',
  gateway: 'gwy',
};

export const elbLoadBalancerArn = (
  s: Scope,
  type: string,
  name: string,
  id: string,
) =>
  arn(
    'elasticloadbalancing',
    s,
    `loadbalancer/${LOAD_BALANCER_TYPE[type] ?? 'app'}/${name}/${id}`,
  );
export const elbTargetGroupArn = (s: Scope, name: string, id: string) =>
  arn('elasticloadbalancing', s, `targetgroup/${name}/${id}`);
/** A listener's ARN extends its load balancer's: `listener/app/<lb>/<lb id>/<id>`. */
export const elbListenerArn = (loadBalancerArn: string, id: string) =>
  `${loadBalancerArn.replace(':loadbalancer/', ':listener/')}/${id}`;
/** A rule's ARN extends its listener's: `listener-rule/app/<lb>/<lb id>/<listener id>/<id>`. */
export const elbListenerRuleArn = (listenerArn: string, id: string) =>
  `${listenerArn.replace(':listener/', ':listener-rule/')}/${id}`;

// ---- AWS CodeDeploy ----

export const codeDeployApplicationArn = (s: Scope, application: string) =>
  arn('codedeploy', s, `application:${application}`);
export const codeDeployGroupArn = (
  s: Scope,
  application: string,
  group: string,
) => arn('codedeploy', s, `deploymentgroup:${application}/${group}`);

// ---- AWS CodePipeline ----

export const codePipelineArn = (s: Scope, name: string) =>
  arn('codepipeline', s, name);

// ---- the identities and rules the sandbox names ----

/** IAM names no region: `arn:aws:iam::<account>:<resource>`. */
export const iamArn = (s: Scope, resource: string) =>
  `arn:${partitionOf(s.region)}:iam::${s.accountId}:${resource}`;
export const eventsRuleArn = (s: Scope, name: string) =>
  arn('events', s, `rule/${name}`);

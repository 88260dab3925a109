import { ArnScope, AwsResourceRef, formatArn, parseResourceArn } from './arns';

/*
 * Elastic Load Balancing (v2) names resources by name and a generated id:
 * `loadbalancer/<type>/<name>/<id>`, listeners and rules below their load
 * balancer, target groups on their own. `<type>` is `app` for an
 * Application Load Balancer, `net` for a Network Load Balancer.
 */

const SERVICE = 'elasticloadbalancing';

/** The load balancer a listener or rule belongs to, as its ARN names it. @public */
export interface LoadBalancerParts {
  /** `app` (Application Load Balancer), `net` or `gwy`; builders default to `app`. */
  loadBalancerType: string;
  /** The load balancer's name. */
  loadBalancerName: string;
  /** The id ELB generated for it. */
  loadBalancerId: string;
}

/** `LoadBalancerParts` as builders take them: the type defaults to `app`. @public */
export type LoadBalancerPartsInput = Omit<
  LoadBalancerParts,
  'loadBalancerType'
> &
  Partial<Pick<LoadBalancerParts, 'loadBalancerType'>>;

const loadBalancerPath = (parts: LoadBalancerPartsInput) =>
  `${parts.loadBalancerType ?? 'app'}/${parts.loadBalancerName}/${
    parts.loadBalancerId
  }`;

const LOAD_BALANCER_PATH = '([^/]+)\\/([^/]+)\\/([^/]+)';

const loadBalancerParts = ([
  loadBalancerType,
  loadBalancerName,
  loadBalancerId,
]: string[]): LoadBalancerParts => ({
  loadBalancerType,
  loadBalancerName,
  loadBalancerId,
});

/** A load balancer as named by its ARN. @public */
export interface LoadBalancerRef extends AwsResourceRef, LoadBalancerParts {}

/** The ARN of a load balancer. @public */
export function loadBalancerArn(
  ref: ArnScope & LoadBalancerPartsInput,
): string {
  return formatArn(ref, SERVICE, `loadbalancer/${loadBalancerPath(ref)}`);
}

/** Parses a load balancer's ARN, or returns undefined for any other string. @public */
export function parseLoadBalancerArn(arn: string): LoadBalancerRef | undefined {
  return parseResourceArn(
    arn,
    SERVICE,
    new RegExp(`^loadbalancer\\/${LOAD_BALANCER_PATH}$`),
    loadBalancerParts,
  );
}

/** A listener as named by its ARN. @public */
export interface ListenerRef extends AwsResourceRef, LoadBalancerParts {
  /** The id ELB generated for the listener. */
  listenerId: string;
}

/** The ARN of a listener. @public */
export function listenerArn(
  ref: ArnScope & LoadBalancerPartsInput & { listenerId: string },
): string {
  return formatArn(
    ref,
    SERVICE,
    `listener/${loadBalancerPath(ref)}/${ref.listenerId}`,
  );
}

/** Parses a listener's ARN, or returns undefined for any other string. @public */
export function parseListenerArn(arn: string): ListenerRef | undefined {
  return parseResourceArn(
    arn,
    SERVICE,
    new RegExp(`^listener\\/${LOAD_BALANCER_PATH}\\/([^/]+)$`),
    groups => ({ ...loadBalancerParts(groups), listenerId: groups[3] }),
  );
}

/** A listener rule as named by its ARN. @public */
export interface ListenerRuleRef extends ListenerRef {
  /** The id ELB generated for the rule. */
  ruleId: string;
}

/** The ARN of a listener rule. @public */
export function listenerRuleArn(
  ref: ArnScope &
    LoadBalancerPartsInput & { listenerId: string; ruleId: string },
): string {
  return formatArn(
    ref,
    SERVICE,
    `listener-rule/${loadBalancerPath(ref)}/${ref.listenerId}/${ref.ruleId}`,
  );
}

/** Parses a listener rule's ARN, or returns undefined for any other string. @public */
export function parseListenerRuleArn(arn: string): ListenerRuleRef | undefined {
  return parseResourceArn(
    arn,
    SERVICE,
    new RegExp(`^listener-rule\\/${LOAD_BALANCER_PATH}\\/([^/]+)\\/([^/]+)$`),
    groups => ({
      ...loadBalancerParts(groups),
      listenerId: groups[3],
      ruleId: groups[4],
    }),
  );
}

/** A target group as named by its ARN (`...:targetgroup/<name>/<id>`). @public */
export interface TargetGroupRef extends AwsResourceRef {
  /** The target group's name. */
  name: string;
  /** The id ELB generated for it. */
  id: string;
}

/** The ARN of a target group. @public */
export function targetGroupArn(
  ref: ArnScope & { name: string; id: string },
): string {
  return formatArn(ref, SERVICE, `targetgroup/${ref.name}/${ref.id}`);
}

/** Parses a target group's ARN, or returns undefined for any other string. @public */
export function parseTargetGroupArn(arn: string): TargetGroupRef | undefined {
  return parseResourceArn(
    arn,
    SERVICE,
    /^targetgroup\/([^/]+)\/([^/]+)$/,
    ([name, id]) => ({ name, id }),
  );
}

import type { Rule } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EcsDeployTagKeys } from '@ecs-deploy/plugin-ecs-deploy-node';
import { notOurs, standingOf } from '../authz/adoption';
import { forwardTargets, ruleHosts } from '../aws/loadBalancing';
import type { Tagged } from '../aws/tagged';
import type { ServiceSite } from '../inspect/serviceSite';
import type { ServiceLayout } from './serviceSpec';

/** Which listener. @public */
export type ListenerRole = 'production' | 'test';

/**
 * What `ecs:service:create` would do in one environment: refusals (nothing is
 * created when there is any) and the resources it would create, in order.
 *
 * @public
 */
export interface ServicePlan {
  conflicts: string[];
  create: string[];
  /** The routing rules that already exist for the service (traffic-shifting ECS). */
  rules: Partial<Record<ListenerRole, string>>;
}

/**
 * Decides, without calling AWS, whether the service can be created on what
 * exists: every resource found under its names must be tagged for its entity,
 * a shared ALB's listeners must exist, and a listener is only ever given a
 * rule that matches the service's own host.
 *
 * @public
 */
export function planService(
  spec: ServiceLayout,
  site: ServiceSite,
  keys: EcsDeployTagKeys,
): ServicePlan {
  const { env, names, entityRef } = spec;
  const where = `${env.accountId}/${env.region}`;
  const conflicts: string[] = [];
  const create: string[] = [];
  const rules: ServicePlan['rules'] = {};
  const check = (
    field: string,
    resource: string,
    found: { tags: Record<string, string> } | undefined,
  ) => {
    const standing = standingOf(found, spec.owner, keys);
    if (standing === 'foreign') {
      conflicts.push(notOurs(field, resource, entityRef, keys));
    }
    return standing;
  };

  if (!site.clusterActive) {
    conflicts.push(
      `environment: ECS cluster '${env.cluster}' of environment '${env.name}' does not exist or is not ACTIVE in ${where}`,
    );
  }
  const service = site.service;
  if (
    check(
      'name',
      `ECS service '${names.service}' in cluster ${env.cluster} (${where})`,
      service,
    ) === 'ours'
  ) {
    const controller = service!.value.deploymentController?.type ?? 'ECS';
    if (controller !== spec.controller) {
      conflicts.push(
        `deploymentController: ECS service '${names.service}' exists with the ${controller} controller, not ${spec.controller}`,
      );
    }
  }
  check(
    'name',
    `task definition family '${names.taskFamily}' (${where})`,
    site.taskDefinition,
  );

  if (spec.routing !== 'none') {
    planLoadBalancing(spec, site, keys, check, conflicts, create, rules);
  }
  if (!site.taskDefinition) create.push(`task definition ${names.taskFamily}`);
  if (!service) {
    create.push(
      `ECS service ${names.service} (${spec.controller}${
        spec.strategy ? ` ${spec.strategy}` : ''
      })`,
    );
  }
  return { conflicts, create, rules };
}

function planLoadBalancing(
  spec: ServiceLayout,
  site: ServiceSite,
  keys: EcsDeployTagKeys,
  check: (
    field: string,
    resource: string,
    found: { tags: Record<string, string> } | undefined,
  ) => string,
  conflicts: string[],
  create: string[],
  rules: ServicePlan['rules'],
) {
  const { env, names } = spec;
  const where = `${env.accountId}/${env.region}`;
  const lb = site.loadBalancer;
  const shared = spec.routing === 'shared';

  if (shared) {
    if (!lb) {
      conflicts.push(
        `environment: the shared load balancer '${
          env.sharedLoadBalancer!.name
        }' configured for '${env.name}' does not exist in ${where}`,
      );
    }
  } else if (
    check('name', `load balancer '${names.loadBalancer}' (${where})`, lb) ===
    'absent'
  ) {
    create.push(`load balancer ${names.loadBalancer}`);
  }

  const groups = [
    ['blue', names.blueTargetGroup, site.blue],
    ...(spec.blueGreen
      ? [['green', names.greenTargetGroup, site.green] as const]
      : []),
  ] as const;
  for (const [, name, tg] of groups) {
    if (check('name', `target group '${name}' (${where})`, tg) === 'absent') {
      create.push(`target group ${name}`);
    } else if (lb && tg!.value.VpcId !== lb.value.VpcId) {
      conflicts.push(
        `name: target group '${name}' is in another VPC than load balancer '${lb.value.LoadBalancerName}'`,
      );
    }
  }
  const ownTargets = [site.blue, site.green]
    .map(tg => tg?.value.TargetGroupArn)
    .filter((arn): arn is string => Boolean(arn));

  const roles: ListenerRole[] = spec.blueGreen
    ? ['production', 'test']
    : ['production'];
  for (const role of roles) {
    const port = spec.listenerPorts[role];
    const listener = site.listeners[role];
    if (shared) {
      if (lb && !listener) {
        conflicts.push(
          `environment: the shared load balancer '${lb.value.LoadBalancerName}' has no ${role} listener on port ${port}`,
        );
      }
    } else if (!listener) {
      create.push(`${role} listener :${port}`);
    } else if (
      check(
        'name',
        `${role} listener :${port} of '${names.loadBalancer}'`,
        listener,
      ) === 'ours' &&
      spec.controller === 'CODE_DEPLOY'
    ) {
      // CodeDeploy swaps this listener's default action between the service's
      // own target groups; anything else on it is not the service's.
      const targets = forwardTargets(listener.value.DefaultActions);
      if (targets.length && !targets.every(t => ownTargets.includes(t))) {
        conflicts.push(
          `name: ${role} listener :${port} of '${names.loadBalancer}' forwards to a target group that is not the service's`,
        );
      }
    }
    if (spec.controller === 'ECS' && spec.blueGreen) {
      planRule(
        spec,
        role,
        site.rules[role],
        ownTargets,
        keys,
        conflicts,
        create,
        rules,
      );
    }
  }
}

/**
 * ECS-native blue/green shifts the weights of one listener rule per
 * listener. On the service's own ALB that rule matches every path; on a
 * shared ALB only the service's host, and a rule for that host that is not
 * the service's is a conflict, never a takeover.
 */
function planRule(
  spec: ServiceLayout,
  role: ListenerRole,
  existing: Tagged<Rule>[],
  ownTargets: string[],
  keys: EcsDeployTagKeys,
  conflicts: string[],
  create: string[],
  rules: ServicePlan['rules'],
) {
  const mine = (r: Tagged<Rule>) => standingOf(r, spec.owner, keys) === 'ours';
  const candidates = spec.host
    ? existing.filter(r => ruleHosts(r.value).includes(spec.host!))
    : existing.filter(r =>
        forwardTargets(r.value.Actions).some(t => ownTargets.includes(t)),
      );
  const foreign = candidates.find(r => !mine(r));
  if (foreign) {
    conflicts.push(
      spec.host
        ? `name: host ${spec.host} is already routed by a rule on the ${role} listener that is not tagged for ${spec.entityRef}`
        : notOurs(
            'name',
            `the ${role} listener's rule for the service's target groups`,
            spec.entityRef,
            keys,
          ),
    );
    return;
  }
  const ours = candidates.find(mine);
  if (ours) rules[role] = ours.value.RuleArn!;
  else
    create.push(`${role} listener rule${spec.host ? ` for ${spec.host}` : ''}`);
}

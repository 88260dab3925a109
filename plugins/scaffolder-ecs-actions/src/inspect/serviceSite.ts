import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import type {
  Listener,
  LoadBalancer,
  Rule,
  TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '@ecs-deploy/plugin-ecs-deploy-node';
import { findService, findTaskDefinition, isClusterActive } from '../aws/ecs';
import {
  findLoadBalancer,
  findTargetGroup,
  listListeners,
  listRules,
} from '../aws/loadBalancing';
import type { Tagged } from '../aws/tagged';
import type { ServiceLayout } from '../plan/serviceSpec';

/**
 * What exists under a service's names in one environment, with tags: what
 * `planService` decides on. Read only.
 *
 * @public
 */
export interface ServiceSite {
  clusterActive: boolean;
  service?: Tagged<Service>;
  taskDefinition?: Tagged<TaskDefinition>;
  /** The ALB in use: the service's own, or the environment's shared one. */
  loadBalancer?: Tagged<LoadBalancer>;
  blue?: Tagged<TargetGroup>;
  green?: Tagged<TargetGroup>;
  listeners: { production?: Tagged<Listener>; test?: Tagged<Listener> };
  /** The non-default rules of those listeners (traffic-shifting strategies). */
  rules: { production: Tagged<Rule>[]; test: Tagged<Rule>[] };
}

/** @public */
export async function inspectServiceSite(
  clients: Pick<AwsClients, 'ecs' | 'elbv2'>,
  spec: ServiceLayout,
): Promise<ServiceSite> {
  const { ecs, elbv2 } = clients;
  const { names, env, routing } = spec;
  // The other ECS lookups fail without the cluster.
  const clusterActive = await isClusterActive(ecs, env.cluster);
  const balanced = routing !== 'none';
  const [service, taskDefinition, loadBalancer, blue, green] =
    await Promise.all([
      clusterActive ? findService(ecs, env.cluster, names.service) : undefined,
      findTaskDefinition(ecs, names.taskFamily),
      balanced
        ? findLoadBalancer(
            elbv2,
            routing === 'shared'
              ? env.sharedLoadBalancer!.name
              : names.loadBalancer,
          )
        : undefined,
      balanced ? findTargetGroup(elbv2, names.blueTargetGroup) : undefined,
      balanced && spec.blueGreen
        ? findTargetGroup(elbv2, names.greenTargetGroup)
        : undefined,
    ]);
  const all = loadBalancer
    ? await listListeners(elbv2, loadBalancer.value.LoadBalancerArn!)
    : [];
  const onPort = (port: number) => all.find(l => l.value.Port === port);
  const listeners = {
    production: onPort(spec.listenerPorts.production),
    test: spec.blueGreen ? onPort(spec.listenerPorts.test) : undefined,
  };
  const shifting = spec.blueGreen && spec.controller === 'ECS';
  const rulesOf = (l?: Tagged<Listener>) =>
    shifting && l ? listRules(elbv2, l.value.ListenerArn!) : [];
  const [productionRules, testRules] = await Promise.all([
    rulesOf(listeners.production),
    rulesOf(listeners.test),
  ]);
  return {
    clusterActive,
    ...(service ? { service } : {}),
    ...(taskDefinition ? { taskDefinition } : {}),
    ...(loadBalancer ? { loadBalancer } : {}),
    ...(blue ? { blue } : {}),
    ...(green ? { green } : {}),
    listeners,
    rules: { production: productionRules, test: testRules },
  };
}

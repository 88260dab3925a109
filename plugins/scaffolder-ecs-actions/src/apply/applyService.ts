import type { AwsClients, AwsTag } from '@ecs-deploy/plugin-ecs-deploy-node';
import { toEcsTags } from '@ecs-deploy/plugin-ecs-deploy-node';
import { createService, registerTaskDefinition } from '../aws/ecs';
import {
  createListener,
  createLoadBalancer,
  createTargetGroup,
  createWeightedRule,
} from '../aws/loadBalancing';
import type { ServiceSite } from '../inspect/serviceSite';
import type { ListenerRole, ServicePlan } from '../plan/servicePlan';
import type { ServiceSpec } from '../plan/serviceSpec';
import { buildTaskDefinition } from '../render/taskDefinition';
import { ApplyContext, ensure } from './ensure';

/** What a created (or adopted) service is made of. @public */
export interface ServiceResources {
  serviceArn: string;
  taskDefinitionArn: string;
  loadBalancerArn: string;
  productionListenerArn: string;
  testListenerArn: string;
  blueTargetGroupArn: string;
  greenTargetGroupArn: string;
}

/**
 * Creates what the plan found missing, in dependency order, reusing what
 * exists. Only called for a plan without conflicts.
 *
 * @public
 */
export async function applyService(
  apply: ApplyContext,
  clients: Pick<AwsClients, 'ecs' | 'elbv2'>,
  spec: ServiceSpec,
  site: ServiceSite,
  plan: ServicePlan,
  tags: AwsTag[],
): Promise<ServiceResources> {
  const { ecs, elbv2 } = clients;
  const { names, env } = spec;
  const out: ServiceResources = {
    serviceArn: site.service?.value.serviceArn ?? '',
    taskDefinitionArn: site.taskDefinition?.value.taskDefinitionArn ?? '',
    loadBalancerArn: '',
    productionListenerArn: '',
    testListenerArn: '',
    blueTargetGroupArn: '',
    greenTargetGroupArn: '',
  };

  if (spec.routing !== 'none') {
    const lb = await ensure(apply, {
      key: 'loadbalancer',
      what: `load balancer ${names.loadBalancer}`,
      existing: site.loadBalancer && {
        arn: site.loadBalancer.value.LoadBalancerArn!,
        vpcId: site.loadBalancer.value.VpcId ?? '',
      },
      create: () =>
        createLoadBalancer(elbv2, {
          name: names.loadBalancer,
          subnets: env.subnets,
          securityGroups: env.securityGroups,
          tags,
        }),
    });
    out.loadBalancerArn = lb.arn;
    const targetGroup = (color: 'blue' | 'green') =>
      ensure(apply, {
        key: `targetgroup.${color}`,
        what: `${color} target group`,
        existing: site[color]?.value.TargetGroupArn,
        create: () =>
          createTargetGroup(elbv2, {
            name:
              color === 'blue' ? names.blueTargetGroup : names.greenTargetGroup,
            port: spec.containerPort,
            vpcId: lb.vpcId,
            healthCheckPath: spec.healthCheckPath,
            tags,
          }),
      });
    out.blueTargetGroupArn = await targetGroup('blue');
    if (spec.blueGreen) out.greenTargetGroupArn = await targetGroup('green');

    const roles: ListenerRole[] = spec.blueGreen
      ? ['production', 'test']
      : ['production'];
    for (const role of roles) {
      const listenerArn = await ensure(apply, {
        key: `listener.${role}`,
        what: `${role} listener :${spec.listenerPorts[role]}`,
        existing: site.listeners[role]?.value.ListenerArn,
        create: () =>
          createListener(elbv2, {
            loadBalancerArn: lb.arn,
            port: spec.listenerPorts[role],
            targetGroupArn: out.blueTargetGroupArn,
            tags,
          }),
      });
      out[role === 'production' ? 'productionListenerArn' : 'testListenerArn'] =
        listenerArn;
    }
  }

  const ruleArns: Partial<Record<ListenerRole, string>> = {};
  if (spec.controller === 'ECS' && spec.blueGreen) {
    for (const role of ['production', 'test'] as const) {
      ruleArns[role] = await ensure(apply, {
        key: `rule.${role}`,
        what: `${role} listener rule`,
        existing: plan.rules[role],
        create: () =>
          createWeightedRule(elbv2, {
            listenerArn:
              role === 'production'
                ? out.productionListenerArn
                : out.testListenerArn,
            priority: firstFreePriority(site.rules[role]),
            ...(spec.host ? { host: spec.host } : {}),
            blueTargetGroupArn: out.blueTargetGroupArn,
            greenTargetGroupArn: out.greenTargetGroupArn,
            tags,
          }),
      });
    }
  }

  out.taskDefinitionArn = await ensure(apply, {
    key: 'taskdefinition',
    what: `task definition ${names.taskFamily}`,
    existing: site.taskDefinition?.value.taskDefinitionArn,
    create: () =>
      registerTaskDefinition(ecs, {
        ...buildTaskDefinition({
          name: names.service,
          environment: env.name,
          region: env.region,
          image: spec.image,
          containerPort: spec.containerPort,
          cpu: spec.size.cpu,
          memory: spec.size.memory,
          executionRoleArn: env.executionRoleArn,
          taskRoleArn: env.taskRoleArn,
        }),
        tags: toEcsTags(tags),
      }),
  });

  out.serviceArn = await ensure(apply, {
    key: 'service',
    what: `ECS service ${names.service}`,
    existing: site.service?.value.serviceArn,
    create: () =>
      createService(ecs, {
        cluster: env.cluster,
        serviceName: names.service,
        taskDefinition: out.taskDefinitionArn,
        desiredCount: spec.desiredCount,
        launchType: 'FARGATE',
        deploymentController: { type: spec.controller },
        ...(spec.deploymentConfiguration
          ? { deploymentConfiguration: spec.deploymentConfiguration }
          : {}),
        loadBalancers:
          spec.routing === 'none'
            ? []
            : [
                {
                  targetGroupArn: out.blueTargetGroupArn,
                  containerName: names.container,
                  containerPort: spec.containerPort,
                  ...(spec.controller === 'ECS' && spec.blueGreen
                    ? {
                        advancedConfiguration: {
                          alternateTargetGroupArn: out.greenTargetGroupArn,
                          productionListenerRule: ruleArns.production,
                          testListenerRule: ruleArns.test,
                          roleArn: env.ecsInfrastructureRoleArn,
                        },
                      }
                    : {}),
                },
              ],
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: env.subnets,
            securityGroups: env.securityGroups.length
              ? env.securityGroups
              : undefined,
            assignPublicIp: env.assignPublicIp ? 'ENABLED' : 'DISABLED',
          },
        },
        ...(spec.routing === 'none'
          ? {}
          : { healthCheckGracePeriodSeconds: 30 }),
        propagateTags: 'SERVICE',
        enableECSManagedTags: true,
        tags: toEcsTags(tags),
      }),
  });
  return out;
}

function firstFreePriority(rules: { value: { Priority?: string } }[]): number {
  const used = new Set(rules.map(r => r.value.Priority));
  let priority = 1;
  while (used.has(String(priority))) priority++;
  return priority;
}

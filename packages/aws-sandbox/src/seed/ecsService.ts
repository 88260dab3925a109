import type { SeedContext } from '../core/types';
import type { FleetService } from './catalog';
import {
  ecsTags,
  SECURITY_GROUP,
  SUBNETS,
  type CreatedService,
  type Placement,
} from './infrastructure';
import { defaultRuleOf } from './loadBalancing';
import { clusterName } from './names';

/** @public */
export async function createEcsService(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
  lb: Omit<CreatedService, 'serviceArn'>,
  taskDefinitionArn: string,
): Promise<string> {
  const where = { accountId: at.accountId, region: at.region };
  const controller = service.controller;
  const loadBalancer: Record<string, unknown> = {
    targetGroupArn: lb.blueTargetGroupArn,
    containerName: service.name,
    containerPort: service.containerPort,
  };
  const deploymentConfiguration: Record<string, unknown> = {
    maximumPercent: 200,
    minimumHealthyPercent: 100,
  };
  if (controller.kind === 'ECS' && controller.strategy !== 'ROLLING') {
    loadBalancer.advancedConfiguration = {
      alternateTargetGroupArn: lb.greenTargetGroupArn,
      productionListenerRule: await defaultRuleOf(
        ctx,
        lb.prodListenerArn,
        where,
      ),
      testListenerRule: await defaultRuleOf(ctx, lb.testListenerArn, where),
      roleArn: `arn:aws:iam::${at.accountId}:role/ecsInfrastructureRoleForLoadBalancers`,
    };
    deploymentConfiguration.strategy = controller.strategy;
    deploymentConfiguration.bakeTimeInMinutes = at.env === 'prod' ? 30 : 15;
    if (controller.strategy === 'CANARY') {
      deploymentConfiguration.canaryConfiguration = {
        canaryPercent: 10,
        canaryBakeTimeInMinutes: 5,
      };
    }
    if (controller.strategy === 'LINEAR') {
      deploymentConfiguration.linearConfiguration = {
        stepPercent: 25,
        stepBakeTimeInMinutes: 2,
      };
    }
  }
  if (controller.kind === 'ECS') {
    deploymentConfiguration.deploymentCircuitBreaker = {
      enable: true,
      rollback: true,
    };
  }
  const created = await ctx.invoke(
    'ecs',
    'CreateService',
    {
      cluster: clusterName(at.env),
      serviceName: service.name,
      taskDefinition:
        controller.kind === 'EXTERNAL' ? undefined : taskDefinitionArn,
      desiredCount: service.desiredCount[at.env] ?? 1,
      launchType: controller.kind === 'EXTERNAL' ? undefined : 'FARGATE',
      deploymentController: { type: controller.kind },
      deploymentConfiguration,
      loadBalancers:
        controller.kind === 'EXTERNAL' ? undefined : [loadBalancer],
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: SUBNETS,
          securityGroups: [SECURITY_GROUP],
          assignPublicIp: 'DISABLED',
        },
      },
      tags: ecsTags(service, at.env),
      propagateTags: 'SERVICE',
    },
    where,
  );
  const serviceArn = created.service.serviceArn as string;
  if (controller.kind === 'EXTERNAL') {
    // EXTERNAL (field note 003): the deployer creates the task set itself.
    const taskSet = await ctx.invoke(
      'ecs',
      'CreateTaskSet',
      {
        cluster: clusterName(at.env),
        service: service.name,
        taskDefinition: taskDefinitionArn,
        externalId: `${service.name}-blue`,
        launchType: 'FARGATE',
        loadBalancers: [loadBalancer],
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: SUBNETS,
            securityGroups: [SECURITY_GROUP],
          },
        },
        scale: { unit: 'PERCENT', value: 100 },
      },
      where,
    );
    await ctx.invoke(
      'ecs',
      'UpdateServicePrimaryTaskSet',
      {
        cluster: clusterName(at.env),
        service: service.name,
        primaryTaskSet: taskSet.taskSet.taskSetArn,
      },
      where,
    );
  }
  return serviceArn;
}

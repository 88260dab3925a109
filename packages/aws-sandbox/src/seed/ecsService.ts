import type { DeploymentConfiguration } from '@aws-sdk/client-ecs';
import type { SeedContext } from '../core/types';
import {
  createEcsService as createFleetEcsService,
  type EcsServiceController,
} from '../testing/ecsService';
import { type BlueGreenAlb } from '../testing/blueGreenAlb';
import type { Controller, FleetService } from './catalog';
import { callerAt, type Placement } from './infrastructure';
import { clusterName, entityTags } from './names';

/** How an ECS-controller service of the fleet deploys in an environment. */
function ecsDeploymentConfiguration(
  strategy: Extract<Controller, { kind: 'ECS' }>['strategy'],
  env: string,
): DeploymentConfiguration {
  return {
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    deploymentCircuitBreaker: { enable: true, rollback: true },
    ...(strategy === 'ROLLING'
      ? {}
      : { strategy, bakeTimeInMinutes: env === 'prod' ? 30 : 15 }),
    ...(strategy === 'CANARY'
      ? {
          canaryConfiguration: {
            canaryPercent: 10,
            canaryBakeTimeInMinutes: 5,
          },
        }
      : {}),
    ...(strategy === 'LINEAR'
      ? { linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 } }
      : {}),
  };
}

function controllerOf(
  controller: Controller,
  at: Placement,
): EcsServiceController {
  if (controller.kind !== 'ECS') return { type: controller.kind };
  return {
    type: 'ECS',
    deploymentConfiguration: ecsDeploymentConfiguration(
      controller.strategy,
      at.env,
    ),
    infrastructureRoleArn: `arn:aws:iam::${at.accountId}:role/ecsInfrastructureRoleForLoadBalancers`,
  };
}

/** The service in an environment's cluster, on Fargate behind its ALB. @public */
export async function createEcsService(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
  alb: BlueGreenAlb,
  taskDefinitionArn: string,
): Promise<string> {
  const created = await createFleetEcsService(callerAt(ctx, at), {
    cluster: clusterName(at.env),
    serviceName: service.name,
    taskDefinition: taskDefinitionArn,
    controller: controllerOf(service.controller, at),
    alb,
    containerName: service.name,
    containerPort: service.containerPort,
    desiredCount: service.desiredCount[at.env] ?? 1,
    fargate: {},
    tags: entityTags(service, at.env),
  });
  return created.serviceArn;
}

import type {
  DeploymentConfiguration,
  LoadBalancer,
} from '@aws-sdk/client-ecs';
import type { BlueGreenAlb } from './blueGreenAlb';
import type { FleetCaller } from './fleetCaller';
import { FLEET_NETWORK, type FleetNetwork } from './network';
import { lowerCaseTags, type ResourceTag } from './tags';

/**
 * How a service deploys. `ECS` with a `BLUE_GREEN`, `CANARY` or `LINEAR`
 * strategy shifts traffic through the ALB's listener rules with
 * `infrastructureRoleArn`; `ROLLING` (the default) replaces tasks in place.
 *
 * @public
 */
export type EcsServiceController =
  | { type: 'CODE_DEPLOY' }
  | {
      type: 'ECS';
      deploymentConfiguration?: DeploymentConfiguration;
      infrastructureRoleArn?: string;
    }
  | { type: 'EXTERNAL' };

/** @public */
export interface EcsServiceSpec {
  cluster: string;
  serviceName: string;
  /** The revision to run (for EXTERNAL, its first task set's). */
  taskDefinition: string;
  controller: EcsServiceController;
  /** Production traffic goes to `blue`; without it, no load balancer. */
  alb?: BlueGreenAlb;
  /** The container and port the target groups route to (`app`, 8080). */
  containerName?: string;
  containerPort?: number;
  desiredCount?: number;
  /** Fargate tasks in this network; without it, the default launch type. */
  fargate?: { network?: FleetNetwork };
  tags?: ResourceTag[];
}

/** @public */
export interface CreatedEcsService {
  serviceArn: string;
  /** The task set an EXTERNAL service starts with (primary, on blue). */
  primaryTaskSetArn?: string;
}

const SHIFTING_STRATEGIES = ['BLUE_GREEN', 'CANARY', 'LINEAR'];

function loadBalancerOf(spec: EcsServiceSpec): LoadBalancer | undefined {
  if (!spec.alb) return undefined;
  const loadBalancer: LoadBalancer = {
    targetGroupArn: spec.alb.blue,
    containerName: spec.containerName ?? 'app',
    containerPort: spec.containerPort ?? 8080,
  };
  const { controller } = spec;
  if (
    controller.type === 'ECS' &&
    SHIFTING_STRATEGIES.includes(
      controller.deploymentConfiguration?.strategy ?? 'ROLLING',
    )
  ) {
    loadBalancer.advancedConfiguration = {
      alternateTargetGroupArn: spec.alb.green,
      productionListenerRule: spec.alb.productionRule,
      testListenerRule: spec.alb.testRule,
      roleArn: controller.infrastructureRoleArn,
    };
  }
  return loadBalancer;
}

const awsvpc = (network: FleetNetwork = FLEET_NETWORK) => ({
  awsvpcConfiguration: {
    subnets: network.subnets,
    securityGroups: network.securityGroups,
    assignPublicIp: 'DISABLED' as const,
  },
});

/**
 * Creates a service under its controller. An EXTERNAL service gets no tasks
 * of its own: its first task set (on blue, 100%) is created here and made
 * primary, as its deployer would.
 *
 * @public
 */
export async function createEcsService(
  caller: FleetCaller,
  spec: EcsServiceSpec,
): Promise<CreatedEcsService> {
  const external = spec.controller.type === 'EXTERNAL';
  const loadBalancer = loadBalancerOf(spec);
  const { service } = await caller.call('ecs', 'CreateService', {
    cluster: spec.cluster,
    serviceName: spec.serviceName,
    taskDefinition: external ? undefined : spec.taskDefinition,
    desiredCount: spec.desiredCount ?? 2,
    deploymentController: { type: spec.controller.type },
    ...(spec.controller.type === 'ECS' &&
    spec.controller.deploymentConfiguration
      ? { deploymentConfiguration: spec.controller.deploymentConfiguration }
      : {}),
    ...(loadBalancer && !external ? { loadBalancers: [loadBalancer] } : {}),
    ...(spec.fargate && !external
      ? {
          launchType: 'FARGATE',
          networkConfiguration: awsvpc(spec.fargate.network),
        }
      : {}),
    ...(spec.tags?.length
      ? { tags: lowerCaseTags(spec.tags), propagateTags: 'SERVICE' }
      : {}),
  });
  const serviceArn = service!.serviceArn!;
  if (!external) return { serviceArn };
  const primaryTaskSetArn = await createTaskSet(caller, {
    ...spec,
    targetGroupArn: spec.alb?.blue,
    externalId: `${spec.serviceName}-blue`,
  });
  await caller.call('ecs', 'UpdateServicePrimaryTaskSet', {
    cluster: spec.cluster,
    service: spec.serviceName,
    primaryTaskSet: primaryTaskSetArn,
  });
  return { serviceArn, primaryTaskSetArn };
}

/** @public */
export interface TaskSetSpec {
  cluster: string;
  serviceName: string;
  taskDefinition: string;
  /** The target group its tasks register with. */
  targetGroupArn?: string;
  containerName?: string;
  containerPort?: number;
  externalId?: string;
  fargate?: { network?: FleetNetwork };
}

/**
 * A task set of an EXTERNAL service at 100% of its desired count; returns
 * its ARN.
 *
 * @public
 */
export async function createTaskSet(
  caller: FleetCaller,
  spec: TaskSetSpec,
): Promise<string> {
  const { taskSet } = await caller.call('ecs', 'CreateTaskSet', {
    cluster: spec.cluster,
    service: spec.serviceName,
    taskDefinition: spec.taskDefinition,
    externalId: spec.externalId,
    scale: { unit: 'PERCENT', value: 100 },
    ...(spec.targetGroupArn
      ? {
          loadBalancers: [
            {
              targetGroupArn: spec.targetGroupArn,
              containerName: spec.containerName ?? 'app',
              containerPort: spec.containerPort ?? 8080,
            },
          ],
        }
      : {}),
    ...(spec.fargate
      ? {
          launchType: 'FARGATE',
          networkConfiguration: awsvpc(spec.fargate.network),
        }
      : {}),
  });
  return taskSet!.taskSetArn!;
}

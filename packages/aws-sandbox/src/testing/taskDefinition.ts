import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import type { FleetCaller } from './fleetCaller';

/** @public */
export interface TaskDefinitionSpec {
  family: string;
  image: string;
  /** Default `app`. */
  containerName?: string;
  /** Default 8080. */
  containerPort?: number;
  /**
   * A Fargate task definition (awsvpc, 0.5 vCPU, 1 GB) whose tasks pull with
   * this role and log to CloudWatch in `logRegion`; without it, one that
   * only names the container.
   */
  fargate?: { executionRoleArn: string; logRegion: string };
}

/**
 * The `RegisterTaskDefinition` input of one container, as a pipeline's
 * `taskdef.json` holds it.
 *
 * @public
 */
export function taskDefinitionInput(
  spec: TaskDefinitionSpec,
): RegisterTaskDefinitionCommandInput {
  const containerName = spec.containerName ?? 'app';
  const container = {
    name: containerName,
    image: spec.image,
    essential: true,
    portMappings: [
      { containerPort: spec.containerPort ?? 8080, protocol: 'tcp' as const },
    ],
  };
  if (!spec.fargate) {
    return { family: spec.family, containerDefinitions: [container] };
  }
  return {
    family: spec.family,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    executionRoleArn: spec.fargate.executionRoleArn,
    containerDefinitions: [
      {
        ...container,
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/ecs/${spec.family}`,
            'awslogs-region': spec.fargate.logRegion,
            'awslogs-stream-prefix': 'ecs',
          },
        },
      },
    ],
  };
}

/** Registers a revision; returns its ARN. @public */
export async function registerTaskDefinition(
  caller: FleetCaller,
  spec: TaskDefinitionSpec,
): Promise<string> {
  const { taskDefinition } = await caller.call(
    'ecs',
    'RegisterTaskDefinition',
    taskDefinitionInput(spec),
  );
  return taskDefinition!.taskDefinitionArn!;
}

/**
 * A CodeDeploy appspec for ECS, as YAML: the task definition to deploy and
 * the container and port the load balancer routes to.
 *
 * @public
 */
export function ecsAppSpec(spec: {
  taskDefinition: string;
  containerName?: string;
  containerPort?: number;
}): string {
  return [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    `        TaskDefinition: ${spec.taskDefinition}`,
    '        LoadBalancerInfo:',
    `          ContainerName: "${spec.containerName ?? 'app'}"`,
    `          ContainerPort: ${spec.containerPort ?? 8080}`,
    '',
  ].join('\n');
}

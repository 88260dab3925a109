import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';

/**
 * The placeholder CodePipeline's CodeDeployToECS action replaces with the image
 * from its `Image1ArtifactName` input (`Image1ContainerName: IMAGE1_NAME`).
 *
 * @public
 */
export const IMAGE_PLACEHOLDER = '<IMAGE1_NAME>';

/** Task definition family of a service in one environment. @public */
export function taskFamily(name: string, environment: string): string {
  return `${name}-${environment}`;
}

/** CloudWatch Logs group the container logs to. @public */
export function logGroupName(name: string, environment: string): string {
  return `/ecs/${name}-${environment}`;
}

/**
 * The Fargate task definition of a service in one environment. The scaffolder
 * registers it with a real image; the infrastructure repository keeps it as
 * `taskdef.json` with {@link IMAGE_PLACEHOLDER}, so both come from one place
 * and the first pipeline run deploys what the service started with.
 *
 * @public
 */
export function buildTaskDefinition(opts: {
  name: string;
  environment: string;
  region: string;
  image: string;
  containerPort: number;
  cpu: string;
  memory: string;
  executionRoleArn: string;
  taskRoleArn?: string;
}): RegisterTaskDefinitionCommandInput {
  return {
    family: taskFamily(opts.name, opts.environment),
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: opts.cpu,
    memory: opts.memory,
    runtimePlatform: {
      operatingSystemFamily: 'LINUX',
      cpuArchitecture: 'X86_64',
    },
    executionRoleArn: opts.executionRoleArn,
    ...(opts.taskRoleArn ? { taskRoleArn: opts.taskRoleArn } : {}),
    containerDefinitions: [
      {
        name: opts.name,
        image: opts.image,
        essential: true,
        portMappings: [
          {
            name: 'http',
            containerPort: opts.containerPort,
            protocol: 'tcp',
            appProtocol: 'http',
          },
        ],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': logGroupName(opts.name, opts.environment),
            'awslogs-region': opts.region,
            'awslogs-stream-prefix': opts.name,
            // The execution role creates the group on first start, so the
            // scaffolder needs no CloudWatch Logs permissions itself.
            'awslogs-create-group': 'true',
          },
        },
      },
    ],
  };
}

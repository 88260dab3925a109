import type { FleetService } from './catalog';

/** A Fargate task definition for the service with `image`. @public */
export function taskDefinitionInput(
  service: FleetService,
  image: string,
): Record<string, unknown> {
  return {
    family: service.name,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    executionRoleArn: 'arn:aws:iam::111111111111:role/ecsTaskExecutionRole',
    containerDefinitions: [
      {
        name: service.name,
        image,
        essential: true,
        portMappings: [
          { containerPort: service.containerPort, protocol: 'tcp' },
        ],
        environment: [{ name: 'SERVICE_NAME', value: service.name }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/ecs/${service.name}`,
            'awslogs-region': 'eu-west-1',
            'awslogs-stream-prefix': 'ecs',
          },
        },
      },
    ],
  };
}

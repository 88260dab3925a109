import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { taskDefinitionInput as fleetTaskDefinitionInput } from '../testing/taskDefinition';
import type { FleetService } from './catalog';

/**
 * A Fargate task definition for the service with `image`, its container
 * health-checked (so ECS reports its tasks' health, as the portal shows it).
 * @public
 */
export function taskDefinitionInput(
  service: FleetService,
  image: string,
): RegisterTaskDefinitionCommandInput {
  const input = fleetTaskDefinitionInput({
    family: service.name,
    image,
    containerName: service.name,
    containerPort: service.containerPort,
    fargate: {
      executionRoleArn: 'arn:aws:iam::111111111111:role/ecsTaskExecutionRole',
      logRegion: 'eu-west-1',
    },
  });
  return {
    ...input,
    containerDefinitions: input.containerDefinitions!.map(c => ({
      ...c,
      healthCheck: {
        command: [
          'CMD-SHELL',
          `curl -fs http://localhost:${service.containerPort}/health || exit 1`,
        ],
        interval: 30,
        timeout: 5,
        retries: 3,
        startPeriod: 10,
      },
    })),
  };
}

import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { taskDefinitionInput as fleetTaskDefinitionInput } from '../testing/taskDefinition';
import type { FleetService } from './catalog';

/** A Fargate task definition for the service with `image`. @public */
export function taskDefinitionInput(
  service: FleetService,
  image: string,
): RegisterTaskDefinitionCommandInput {
  return fleetTaskDefinitionInput({
    family: service.name,
    image,
    containerName: service.name,
    containerPort: service.containerPort,
    fargate: {
      executionRoleArn: 'arn:aws:iam::111111111111:role/ecsTaskExecutionRole',
      logRegion: 'eu-west-1',
    },
  });
}

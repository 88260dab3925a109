import { AwsError } from '../../core/AwsError';
import type { TaskDefinitionRecord } from './model';

/**
 * ECS's check of a load balancer entry against the task definition: the
 * container it names must be one of the task definition's and map the port
 * it names (InvalidParameterException in ECS's words).
 */
export function checkLoadBalancerContainer(
  td: TaskDefinitionRecord,
  containerName: string,
  containerPort: number | undefined,
): void {
  const container = (td.document.containerDefinitions ?? []).find(
    c => c.name === containerName,
  );
  if (!container) {
    throw new AwsError(
      'InvalidParameterException',
      `The container ${containerName} does not exist in the task definition.`,
    );
  }
  const ports = (
    (container.portMappings ?? []) as { containerPort?: number }[]
  ).map(p => Number(p.containerPort));
  if (containerPort !== undefined && !ports.includes(Number(containerPort))) {
    throw new AwsError(
      'InvalidParameterException',
      `The container ${containerName} did not have a container port ${containerPort} defined.`,
    );
  }
}

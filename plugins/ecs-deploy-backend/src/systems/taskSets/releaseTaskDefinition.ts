import {
  RegisterTaskDefinitionCommandInput,
  Tag,
  TaskDefinition,
} from '@aws-sdk/client-ecs';

// What RegisterTaskDefinition takes of a described task definition; the
// rest (ARN, revision, status, registeredAt/By, compatibilities) is ECS's.
const REGISTERED_FIELDS = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const;

/**
 * The next revision of a task definition with one container's image
 * replaced: everything else is registered as it is, tags included, so the
 * release differs from what runs by its image alone.
 */
export function releaseRevisionInput(
  current: TaskDefinition,
  tags: Tag[],
  container: string,
  image: string,
): RegisterTaskDefinitionCommandInput {
  const input: Record<string, unknown> = {};
  for (const field of REGISTERED_FIELDS) {
    if (current[field] !== undefined) input[field] = current[field];
  }
  const containers = current.containerDefinitions ?? [];
  const target = containers.find(c => c.name === container) ?? containers[0];
  return {
    ...(input as Omit<RegisterTaskDefinitionCommandInput, 'family'>),
    family: current.family!,
    containerDefinitions: containers.map(c =>
      c === target ? { ...c, image } : c,
    ),
    ...(tags.length ? { tags } : {}),
  };
}

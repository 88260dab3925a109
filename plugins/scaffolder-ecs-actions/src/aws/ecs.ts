import type {
  CreateServiceCommandInput,
  ECSClient,
  RegisterTaskDefinitionCommandInput,
  Service,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import { ecsGateway, tagRecord } from '@ecs-deploy/plugin-ecs-deploy-node';
import type { Tagged } from './tagged';

/* ECS for the scaffolder: the shared gateway's calls, with tags as records. */

export async function isClusterActive(
  ecs: ECSClient,
  cluster: string,
): Promise<boolean> {
  const [found] = await ecsGateway.describeClusters(ecs, [cluster], {
    operation: 'looking up the cluster',
    resource: cluster,
  });
  return found?.status === 'ACTIVE';
}

/** The service unless absent or INACTIVE (a deleted name may be reused). */
export async function findService(
  ecs: ECSClient,
  cluster: string,
  serviceName: string,
): Promise<Tagged<Service> | undefined> {
  const found = await ecsGateway.findService(
    ecs,
    { cluster, service: serviceName },
    { operation: 'looking up the ECS service', resource: serviceName },
  );
  return found ? { value: found, tags: tagRecord(found.tags) } : undefined;
}

/** The latest ACTIVE revision of a family, with its tags. */
export async function findTaskDefinition(
  ecs: ECSClient,
  family: string,
): Promise<Tagged<TaskDefinition> | undefined> {
  const found = await ecsGateway.findTaskDefinition(ecs, family, {
    operation: 'looking up the task definition',
    resource: family,
  });
  return found?.taskDefinition
    ? { value: found.taskDefinition, tags: tagRecord(found.tags) }
    : undefined;
}

export async function registerTaskDefinition(
  ecs: ECSClient,
  input: RegisterTaskDefinitionCommandInput,
): Promise<string> {
  const registered = await ecsGateway.registerTaskDefinition(ecs, input, {
    operation: 'registering the task definition',
    resource: input.family,
  });
  return registered.taskDefinitionArn!;
}

export async function createService(
  ecs: ECSClient,
  input: CreateServiceCommandInput,
): Promise<string> {
  const created = await ecsGateway.createService(ecs, input, {
    operation: 'creating the ECS service',
    resource: input.serviceName,
  });
  return created.serviceArn!;
}

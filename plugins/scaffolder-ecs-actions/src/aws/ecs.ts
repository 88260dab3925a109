import {
  CreateServiceCommand,
  CreateServiceCommandInput,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RegisterTaskDefinitionCommandInput,
  Service,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import { tagRecord } from '@ecs-deploy/plugin-ecs-deploy-node';
import { isAwsError } from '../lib/awsErrors';
import { awsCall } from '../lib/call';
import type { Tagged } from './tagged';

/* ECS for the scaffolder: lookups before anything is created, and the two creations. */

export async function isClusterActive(
  ecs: ECSClient,
  cluster: string,
): Promise<boolean> {
  return awsCall('looking up the cluster', cluster, async () => {
    const res = await ecs.send(
      new DescribeClustersCommand({ clusters: [cluster] }),
    );
    return res.clusters?.[0]?.status === 'ACTIVE';
  });
}

/** The service unless absent or INACTIVE (a deleted name may be reused). */
export async function findService(
  ecs: ECSClient,
  cluster: string,
  serviceName: string,
): Promise<Tagged<Service> | undefined> {
  return awsCall('looking up the ECS service', serviceName, async () => {
    const res = await ecs.send(
      new DescribeServicesCommand({
        cluster,
        services: [serviceName],
        include: ['TAGS'],
      }),
    );
    const found = res.services?.[0];
    return found && found.status !== 'INACTIVE'
      ? { value: found, tags: tagRecord(found.tags) }
      : undefined;
  });
}

/** The latest ACTIVE revision of a family, with its tags. */
export async function findTaskDefinition(
  ecs: ECSClient,
  family: string,
): Promise<Tagged<TaskDefinition> | undefined> {
  return awsCall('looking up the task definition', family, async () => {
    try {
      const res = await ecs.send(
        new DescribeTaskDefinitionCommand({
          taskDefinition: family,
          include: ['TAGS'],
        }),
      );
      if (!res.taskDefinition || res.taskDefinition.status !== 'ACTIVE')
        return undefined;
      return { value: res.taskDefinition, tags: tagRecord(res.tags) };
    } catch (e) {
      // ECS answers an unknown family with a ClientException.
      if (isAwsError(e, 'ClientException')) return undefined;
      throw e;
    }
  });
}

export async function registerTaskDefinition(
  ecs: ECSClient,
  input: RegisterTaskDefinitionCommandInput,
): Promise<string> {
  const res = await awsCall(
    'registering the task definition',
    input.family ?? '',
    () => ecs.send(new RegisterTaskDefinitionCommand(input)),
  );
  return res.taskDefinition!.taskDefinitionArn!;
}

export async function createService(
  ecs: ECSClient,
  input: CreateServiceCommandInput,
): Promise<string> {
  const res = await awsCall(
    'creating the ECS service',
    input.serviceName ?? '',
    () => ecs.send(new CreateServiceCommand(input)),
  );
  return res.service!.serviceArn!;
}

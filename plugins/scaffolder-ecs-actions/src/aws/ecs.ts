import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  Service,
  TaskDefinition,
  Tag,
} from '@aws-sdk/client-ecs';
import { isAwsError } from '../lib/awsErrors';
import { awsCall } from '../lib/call';

/* Read-only ECS lookups used before anything is created. */

export async function describeCluster(ecs: ECSClient, cluster: string) {
  return awsCall('looking up the cluster', cluster, async () => {
    const res = await ecs.send(
      new DescribeClustersCommand({ clusters: [cluster] }),
    );
    const found = res.clusters?.[0];
    return found?.status === 'ACTIVE' ? found : undefined;
  });
}

/** The service unless absent or INACTIVE (a deleted name may be reused). */
export async function findService(
  ecs: ECSClient,
  cluster: string,
  serviceName: string,
): Promise<Service | undefined> {
  return awsCall('looking up the ECS service', serviceName, async () => {
    const res = await ecs.send(
      new DescribeServicesCommand({
        cluster,
        services: [serviceName],
        include: ['TAGS'],
      }),
    );
    const found = res.services?.[0];
    return found && found.status !== 'INACTIVE' ? found : undefined;
  });
}

export async function findTaskDefinition(
  ecs: ECSClient,
  family: string,
): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] } | undefined> {
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
      return { taskDefinition: res.taskDefinition, tags: res.tags ?? [] };
    } catch (e) {
      // ECS answers an unknown family with a ClientException.
      if (isAwsError(e, 'ClientException')) return undefined;
      throw e;
    }
  });
}

import type { FleetCaller } from './fleetCaller';
import { lowerCaseTags, type ResourceTag } from './tags';

/** @public */
export interface ClusterSpec {
  name: string;
  tags?: ResourceTag[];
  containerInsights?: boolean;
}

/** Creates an ECS cluster; returns its ARN. @public */
export async function createCluster(
  caller: FleetCaller,
  spec: ClusterSpec,
): Promise<string> {
  const { cluster } = await caller.call('ecs', 'CreateCluster', {
    clusterName: spec.name,
    ...(spec.tags?.length ? { tags: lowerCaseTags(spec.tags) } : {}),
    ...(spec.containerInsights
      ? { settings: [{ name: 'containerInsights', value: 'enabled' }] }
      : {}),
  });
  return cluster!.clusterArn!;
}

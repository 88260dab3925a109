import { serviceRevisionArn } from './arns';
import type { EcsStore } from './EcsStore';
import type { ServiceRecord, ServiceRevisionRecord } from './model';

/**
 * A new service revision: the service's configuration (task definition, load
 * balancers, launch type) as of `at`. Every service deployment targets one,
 * live (CreateService, UpdateService) or imported from the seeded history.
 */
export function createServiceRevision(
  store: EcsStore,
  service: ServiceRecord,
  taskDefinition: string,
  at: number,
): ServiceRevisionRecord {
  const scope = { accountId: service.accountId, region: service.region };
  const td = store.taskDefinitions.get(taskDefinition);
  const revisionId = String(Math.floor(store.world.random() * 1e13)).padStart(
    13,
    '1',
  );
  const revision: ServiceRevisionRecord = {
    arn: serviceRevisionArn(
      scope,
      service.clusterName,
      service.name,
      revisionId,
    ),
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    taskDefinition,
    launchType: service.launchType,
    loadBalancers: service.loadBalancers,
    containerImages: (td?.document.containerDefinitions ?? []).map(c => ({
      containerName: String(c.name),
      image: String(c.image ?? ''),
    })),
    createdAt: at,
  };
  store.revisions.set(revision.arn, revision);
  return revision;
}

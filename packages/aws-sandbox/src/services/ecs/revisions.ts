import { ecrRepositoryArn, ecsServiceRevisionArn } from '../../core/arns';
import type { EcsStore } from './EcsStore';
import type { ServiceRecord, ServiceRevisionRecord } from './model';

const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[a-f0-9]{64}))?$/;

/**
 * The digest a container image runs as. ECS resolves an ECR image's tag to
 * its digest when it creates the service revision (software version
 * consistency), so every task of the revision runs the same image even when
 * the tag moves later. Images outside ECR keep no digest here.
 */
function resolvedDigest(store: EcsStore, image: string): string | undefined {
  const digest = ECR_IMAGE.exec(image)?.[5];
  return digest ?? ecrImageOf(store, image)?.imageDigest;
}

/** The ECR image a container image names (by digest or tag), if the sandbox holds it. */
export function ecrImageOf(store: EcsStore, image: string) {
  const m = ECR_IMAGE.exec(image);
  if (!m) return undefined;
  const [, accountId, region, repositoryName, tag, digest] = m;
  return store.world.ecr.describeImage(
    ecrRepositoryArn({ accountId, region }, repositoryName),
    digest ? { imageDigest: digest } : { imageTag: tag ?? 'latest' },
  );
}

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
    arn: ecsServiceRevisionArn(
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
    containerImages: (td?.document.containerDefinitions ?? []).map(c => {
      const image = String(c.image ?? '');
      const imageDigest = resolvedDigest(store, image);
      return {
        containerName: String(c.name),
        image,
        ...(imageDigest ? { imageDigest } : {}),
      };
    }),
    createdAt: at,
  };
  store.revisions.set(revision.arn, revision);
  return revision;
}

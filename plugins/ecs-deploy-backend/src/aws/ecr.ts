import { ImageDetail } from '@aws-sdk/client-ecr';
import { EcrRepositoryRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  GatewayCallContext,
  ecrGateway,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { cacheKeys } from './cacheKeys';
import { GatewayDeps, Where, withCache } from './withCache';

/** An image repository by account, region and name. */
export interface EcrImageRepository extends Where {
  repository: string;
}

const refOf = (repo: EcrRepositoryRef): EcrImageRepository => ({
  accountId: repo.accountId,
  region: repo.region,
  repository: repo.name,
});

/** Amazon ECR for the backend, each call with its cache class. */
export function ecrReads({ clients, cache }: GatewayDeps) {
  const ecr = async (w: Where) => (await clients.forResource(w)).ecr;

  /** The digest a tag points to now, if any. Cache: none. */
  const digestNow = async (
    image: EcrImageRepository,
    tag: string,
    resource: string,
  ): Promise<string | undefined> =>
    ecrGateway.findImageDigest(
      await ecr(image),
      {
        registryId: image.accountId,
        repositoryName: image.repository,
        imageTag: tag,
      },
      { resource },
    );

  return {
    /** The digest a tag points to now, for actions. Cache: none. */
    async tagDigestNow(
      repo: EcrRepositoryRef,
      tag: string,
    ): Promise<string | undefined> {
      return digestNow(refOf(repo), tag, repo.arn);
    },

    /**
     * The digest a tag points to, for the reads. Tags are commit ids in this
     * suite's convention, but environment tags move on promotion, so not
     * forever. A tag or repository that is gone is an answer too: cached
     * rather than asked again. Cache: resolution.
     */
    tagDigest: withCache(
      cache,
      {
        cache: 'resolution',
        key: (image: EcrImageRepository, tag: string) =>
          cacheKeys.ecrDigest(image, image.repository, tag),
      },
      async (
        image: EcrImageRepository,
        tag: string,
      ): Promise<{ digest: string | null }> => {
        const digest = await digestNow(
          image,
          tag,
          `${image.repository}:${tag}`,
        ).catch(error => {
          if (error.name === 'NotFoundError') return undefined;
          throw error;
        });
        return { digest: digest ?? null };
      },
    ),

    /** DescribeImages of one image by digest. Cache: none. */
    async imageByDigest(
      repo: EcrRepositoryRef,
      digest: string,
    ): Promise<ImageDetail | undefined> {
      const [detail] = await ecrGateway.describeImages(
        await ecr(refOf(repo)),
        {
          registryId: repo.accountId,
          repositoryName: repo.name,
          imageIds: [{ imageDigest: digest }],
        },
        { resource: `${repo.arn}@${digest}` },
      );
      return detail;
    },

    /** The repository's tag mutability. Cache: none. */
    async tagMutability(repo: EcrRepositoryRef): Promise<string | undefined> {
      const [found] = await ecrGateway.describeRepositories(
        await ecr(refOf(repo)),
        { registryId: repo.accountId, repositoryNames: [repo.name] },
        { resource: repo.arn },
      );
      return found?.imageTagMutability;
    },

    /** The manifest of an image by digest. Cache: none. */
    async manifest(repo: EcrRepositoryRef, digest: string) {
      const out = await ecrGateway.batchGetImage(
        await ecr(refOf(repo)),
        {
          registryId: repo.accountId,
          repositoryName: repo.name,
          imageIds: [{ imageDigest: digest }],
        },
        { resource: repo.arn },
      );
      return {
        image: out.images?.[0],
        failureReason: out.failures?.[0]?.failureReason,
      };
    },

    /** PutImage of a manifest under a tag. Cache: none. */
    async putImage(
      repo: EcrRepositoryRef,
      input: {
        imageManifest: string;
        imageManifestMediaType?: string;
        imageDigest: string;
        imageTag: string;
      },
      context: GatewayCallContext,
    ): Promise<void> {
      await ecrGateway.putImage(
        await ecr(refOf(repo)),
        { registryId: repo.accountId, repositoryName: repo.name, ...input },
        { resource: repo.arn, ...context },
      );
    },
  };
}

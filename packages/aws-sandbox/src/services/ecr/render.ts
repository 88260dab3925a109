import type { ImageRecord, RepositoryRecord } from './model';

/* Records -> the shapes in @aws-sdk/client-ecr (times as Date; JSON 1.1 sends epoch seconds). */

export function renderRepository(repo: RepositoryRecord) {
  return {
    repositoryArn: repo.arn,
    registryId: repo.accountId,
    repositoryName: repo.name,
    repositoryUri: repo.uri,
    createdAt: new Date(repo.createdAt),
    imageTagMutability: repo.imageTagMutability,
    ...(repo.exclusionFilters.length
      ? { imageTagMutabilityExclusionFilters: repo.exclusionFilters }
      : {}),
    imageScanningConfiguration: { scanOnPush: repo.scanOnPush },
    encryptionConfiguration: { encryptionType: 'AES256' },
  };
}

/** An `Image` (PutImage, BatchGetImage): the manifest under the tag it was asked by. */
export function renderImage(
  repo: RepositoryRecord,
  image: ImageRecord,
  imageTag: string | undefined,
) {
  return {
    registryId: repo.accountId,
    repositoryName: repo.name,
    imageId: { imageDigest: image.digest, imageTag },
    imageManifest: image.manifest,
    imageManifestMediaType: image.mediaType,
  };
}

export function renderImageDetail(repo: RepositoryRecord, image: ImageRecord) {
  return {
    registryId: repo.accountId,
    repositoryName: repo.name,
    imageDigest: image.digest,
    imageTags: image.tags.length ? [...image.tags] : undefined,
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: new Date(image.pushedAt),
    imageManifestMediaType: image.mediaType,
    artifactMediaType: 'application/vnd.docker.container.image.v1+json',
    imageStatus: 'ACTIVE',
  };
}

import type { ImageTagMutability } from '@aws-sdk/client-ecr';
import type { FleetCaller } from './fleetCaller';
import type { ResourceTag } from './tags';

/** @public */
export interface RepositorySpec {
  name: string;
  /** Default MUTABLE: environment tags move on promotion. */
  mutability?: ImageTagMutability;
  tags?: ResourceTag[];
}

/** Creates a repository; returns its ARN and URI. @public */
export async function createRepository(
  caller: FleetCaller,
  spec: RepositorySpec,
): Promise<{ repositoryArn: string; repositoryUri: string }> {
  const { repository } = await caller.call('ecr', 'CreateRepository', {
    repositoryName: spec.name,
    imageTagMutability: spec.mutability ?? 'MUTABLE',
    imageScanningConfiguration: { scanOnPush: true },
    tags: spec.tags ?? [],
  });
  return {
    repositoryArn: repository!.repositoryArn!,
    repositoryUri: repository!.repositoryUri!,
  };
}

const MANIFEST_MEDIA_TYPE =
  'application/vnd.docker.distribution.manifest.v2+json';

/**
 * The image manifest of a build of `commitId`: the same commit gives the
 * same manifest, so the same digest, in every repository.
 *
 * @public
 */
export function imageManifest(commitId: string): string {
  const hex = commitId.padEnd(40, '0');
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST_MEDIA_TYPE,
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: 1470,
      digest: `sha256:${hex}${hex.slice(0, 24)}`,
    },
    layers: [
      {
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
        size: 31357311,
        digest: `sha256:${hex.slice(16)}${hex}`,
      },
    ],
  });
}

/**
 * Pushes the image of `commitId` under each tag (one PutImage per tag, as a
 * retag does); returns its digest.
 *
 * @public
 */
export async function pushImage(
  caller: FleetCaller,
  spec: { repository: string; commitId: string; tags: string[] },
): Promise<string> {
  let digest = '';
  for (const imageTag of spec.tags) {
    const { image } = await caller.call('ecr', 'PutImage', {
      repositoryName: spec.repository,
      imageManifest: imageManifest(spec.commitId),
      imageManifestMediaType: MANIFEST_MEDIA_TYPE,
      imageTag,
    });
    digest = image!.imageId!.imageDigest!;
  }
  return digest;
}

import { createHash } from 'node:crypto';
import { AwsError } from '../../core/AwsError';
import type { EcrApi, EcrImageDetail, SandboxWorld } from '../../world';

/** ECR records, plain JSON for the state file. */
export interface RepositoryRecord {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  uri: string;
  createdAt: number;
  imageTagMutability: string;
  exclusionFilters: { filterType: string; filter: string }[];
  scanOnPush: boolean;
}

export interface ImageRecord {
  digest: string;
  manifest: string;
  mediaType: string;
  tags: string[];
  sizeInBytes: number;
  pushedAt: number;
}

export interface EcrState {
  repositories: RepositoryRecord[];
  images: Record<string, ImageRecord[]>;
}

type PushListener = Parameters<EcrApi['onImagePushed']>[0];

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

/**
 * Repositories and their images. An image is its manifest: the digest is the
 * SHA-256 of the manifest bytes, as in a real registry, so a retag (PutImage
 * of the same manifest with a new tag) lands on the same image.
 */
export class EcrStore implements EcrApi {
  readonly repositories = new Map<string, RepositoryRecord>();
  /** repository ARN -> images, oldest push first */
  readonly images = new Map<string, ImageRecord[]>();
  private readonly listeners: PushListener[] = [];

  constructor(readonly world: SandboxWorld) {}

  repositoryArn(accountId: string, region: string, name: string): string {
    return `arn:aws:ecr:${region}:${accountId}:repository/${name}`;
  }

  repository(
    accountId: string,
    region: string,
    name: string,
  ): RepositoryRecord {
    const found = this.repositories.get(
      this.repositoryArn(accountId, region, name),
    );
    if (!found) {
      throw new AwsError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${accountId}'`,
      );
    }
    return found;
  }

  imagesOf(repo: RepositoryRecord): ImageRecord[] {
    return this.images.get(repo.arn) ?? [];
  }

  /** Whether a tag may not move to another image under the repository's mutability setting. */
  isTagImmutable(repo: RepositoryRecord, tag: string): boolean {
    const matches = repo.exclusionFilters.some(f =>
      wildcard(f.filter).test(tag),
    );
    switch (repo.imageTagMutability) {
      case 'IMMUTABLE':
        return true;
      case 'IMMUTABLE_WITH_EXCLUSION':
        return !matches;
      case 'MUTABLE_WITH_EXCLUSION':
        return matches;
      default:
        return false;
    }
  }

  putImage(
    repo: RepositoryRecord,
    manifest: string,
    tag: string | undefined,
    expectedDigest: string | undefined,
    mediaType: string | undefined,
  ): ImageRecord {
    const digest = `sha256:${createHash('sha256')
      .update(manifest, 'utf8')
      .digest('hex')}`;
    if (expectedDigest && expectedDigest !== digest) {
      throw new AwsError(
        'ImageDigestDoesNotMatchException',
        `The digest '${expectedDigest}' does not match the digest of the image manifest '${digest}'`,
      );
    }
    const images = this.imagesOf(repo);
    let image = images.find(i => i.digest === digest);
    const holder = tag ? images.find(i => i.tags.includes(tag)) : undefined;
    if (image && (tag ? holder === image : true)) {
      throw new AwsError(
        'ImageAlreadyExistsException',
        `Image with digest '${digest}'${
          tag ? ` and tag '${tag}'` : ''
        } already exists in the repository with name '${
          repo.name
        }' in registry with id '${repo.accountId}'`,
      );
    }
    if (tag && holder && this.isTagImmutable(repo, tag)) {
      throw new AwsError(
        'ImageTagAlreadyExistsException',
        `The image tag '${tag}' already exists in the '${repo.name}' repository and cannot be overwritten because the repository is immutable.`,
      );
    }
    if (holder && tag) holder.tags = holder.tags.filter(t => t !== tag);
    if (!image) {
      image = {
        digest,
        manifest,
        mediaType: mediaType ?? manifestMediaType(manifest),
        tags: [],
        sizeInBytes: manifestSize(manifest),
        pushedAt: this.world.clock.nowMs(),
      };
      images.push(image);
      this.images.set(repo.arn, images);
    }
    if (tag) {
      image.tags.push(tag);
      this.notify(repo, tag, digest);
    }
    return image;
  }

  private notify(
    repo: RepositoryRecord,
    imageTag: string,
    imageDigest: string,
  ) {
    for (const listener of this.listeners) {
      // A subscriber's failure (say, a pipeline that cannot start) is its own
      // business; the push itself succeeded.
      try {
        listener({
          repositoryArn: repo.arn,
          repositoryName: repo.name,
          accountId: repo.accountId,
          region: repo.region,
          imageTag,
          imageDigest,
        });
      } catch {
        // ignored, see above
      }
    }
  }

  // ---- EcrApi ----

  onImagePushed(listener: PushListener): void {
    this.listeners.push(listener);
  }

  describeImage(
    repositoryArn: string,
    imageId: { imageTag: string } | { imageDigest: string },
  ): EcrImageDetail | undefined {
    const repo = this.repositories.get(repositoryArn);
    if (!repo) return undefined;
    const image = this.imagesOf(repo).find(i =>
      'imageTag' in imageId
        ? i.tags.includes(imageId.imageTag)
        : i.digest === imageId.imageDigest,
    );
    if (!image) return undefined;
    return {
      registryId: repo.accountId,
      repositoryName: repo.name,
      imageDigest: image.digest,
      imageUri: `${repo.uri}@${image.digest}`,
      imageTags: [...image.tags],
      imageSizeInBytes: image.sizeInBytes,
      imagePushedAt: image.pushedAt,
    };
  }

  // ---- state file ----

  snapshot(): EcrState {
    return {
      repositories: [...this.repositories.values()],
      images: Object.fromEntries(this.images),
    };
  }

  restore(state: EcrState): void {
    this.repositories.clear();
    this.images.clear();
    for (const r of state.repositories ?? []) this.repositories.set(r.arn, r);
    for (const [arn, list] of Object.entries(state.images ?? {}))
      this.images.set(arn, list);
  }
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function manifestMediaType(manifest: string): string {
  try {
    return JSON.parse(manifest).mediaType ?? DOCKER_MANIFEST;
  } catch {
    return DOCKER_MANIFEST;
  }
}

/** The compressed size ECR reports: the layers' sizes, or the manifest's length. */
function manifestSize(manifest: string): number {
  try {
    const parsed = JSON.parse(manifest);
    const layers: { size?: number }[] = parsed.layers ?? [];
    const total = layers.reduce((sum, l) => sum + (Number(l.size) || 0), 0);
    return total || manifest.length;
  } catch {
    return manifest.length;
  }
}

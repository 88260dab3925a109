import {
  ecrRepositoryArn,
  ecrRepositoryUri,
  parseArn,
  type Scope,
} from '../../core/arns';
import { AwsError } from '../../core/AwsError';
import type {
  EcrApi,
  EcrImageDetail,
  SandboxWorld,
  ServiceStore,
} from '../../world';
import { manifestDigest, manifestMediaType, manifestSize } from './manifest';
import type { EcrState, ImageRecord, RepositoryRecord } from './model';
import { isTagImmutable } from './tagMutability';

type PushListener = Parameters<EcrApi['onImagePushed']>[0];

/** An image named by digest, tag or both (the SDK's ImageIdentifier). */
export type ImageId = { imageDigest?: string; imageTag?: string };

/**
 * Repositories and their images. A retag (PutImage of the same manifest with
 * a new tag) lands on the same image, because the digest is the manifest's.
 * Nothing moves on the clock.
 */
export class EcrStore implements EcrApi, ServiceStore {
  readonly repositories = new Map<string, RepositoryRecord>();
  /** repository ARN -> images, oldest push first */
  readonly images = new Map<string, ImageRecord[]>();
  private readonly listeners: PushListener[] = [];

  constructor(readonly world: SandboxWorld) {}

  createRepository(
    scope: Scope,
    name: string,
    settings: Pick<
      RepositoryRecord,
      'imageTagMutability' | 'exclusionFilters' | 'scanOnPush'
    >,
  ): RepositoryRecord {
    const arn = ecrRepositoryArn(scope, name);
    if (this.repositories.has(arn)) {
      throw new AwsError(
        'RepositoryAlreadyExistsException',
        `The repository with name '${name}' already exists in the registry with id '${scope.accountId}'`,
      );
    }
    const repo: RepositoryRecord = {
      arn,
      name,
      ...scope,
      uri: ecrRepositoryUri(scope, name),
      createdAt: this.world.clock.nowMs(),
      ...settings,
    };
    this.repositories.set(arn, repo);
    this.world.tags.register(arn);
    return repo;
  }

  repository(scope: Scope, name: string): RepositoryRecord {
    const found = this.repositories.get(ecrRepositoryArn(scope, name));
    if (!found) throw repositoryNotFound(name, scope.accountId);
    return found;
  }

  repositoryByArn(arn: string): RepositoryRecord {
    const found = this.repositories.get(arn);
    if (!found) {
      const parsed = parseArn(arn);
      throw repositoryNotFound(
        parsed?.resourceType === 'repository' ? parsed.path.join('/') : arn,
        parsed?.accountId ?? '',
      );
    }
    return found;
  }

  repositoriesIn(scope: Scope): RepositoryRecord[] {
    return [...this.repositories.values()].filter(
      r => r.accountId === scope.accountId && r.region === scope.region,
    );
  }

  imagesOf(repo: RepositoryRecord): ImageRecord[] {
    return this.images.get(repo.arn) ?? [];
  }

  /** The image matching every part of `id` that is given. */
  findImage(repo: RepositoryRecord, id: ImageId): ImageRecord | undefined {
    return this.imagesOf(repo).find(
      i =>
        (!id.imageDigest || i.digest === id.imageDigest) &&
        (!id.imageTag || i.tags.includes(id.imageTag)),
    );
  }

  putImage(
    repo: RepositoryRecord,
    manifest: string,
    tag: string | undefined,
    expectedDigest: string | undefined,
    mediaType: string | undefined,
  ): ImageRecord {
    const digest = manifestDigest(manifest);
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
    if (tag && holder && isTagImmutable(repo, tag)) {
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
    const image = repo && this.findImage(repo, imageId);
    if (!repo || !image) return undefined;
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

  // ---- ServiceStore ----

  tick(): void {
    // Nothing in ECR moves by itself.
  }

  snapshot(): EcrState {
    return {
      repositories: [...this.repositories.values()],
      images: Object.fromEntries(this.images),
    };
  }

  restore(data: unknown): void {
    const state = data as EcrState;
    this.repositories.clear();
    this.images.clear();
    for (const r of state.repositories ?? []) this.repositories.set(r.arn, r);
    for (const [arn, list] of Object.entries(state.images ?? {}))
      this.images.set(arn, list);
  }
}

function repositoryNotFound(name: string, registryId: string): AwsError {
  return new AwsError(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
  );
}

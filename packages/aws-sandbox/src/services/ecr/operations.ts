import { AwsError } from '../../core/AwsError';
import { paginate } from '../../core/pagination';
import type { OperationHandler, RequestContext } from '../../core/types';
import {
  optionalArray,
  optionalNumber,
  optionalString,
  requireArray,
  requireString,
} from '../../core/validate';
import type { EcrStore, ImageRecord, RepositoryRecord } from './EcrStore';

/** ECR's code for bad input. */
const INVALID = 'InvalidParameterException';
const NAME =
  /^(?=.{2,256}$)((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const MUTABILITY = [
  'MUTABLE',
  'IMMUTABLE',
  'IMMUTABLE_WITH_EXCLUSION',
  'MUTABLE_WITH_EXCLUSION',
];

/** The registry id (account) a call addresses: `registryId` or the caller's. */
const account = (input: any, ctx: RequestContext) =>
  optionalString(input, 'registryId', INVALID) ?? ctx.accountId;

function renderRepository(repo: RepositoryRecord) {
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

function renderImageDetail(repo: RepositoryRecord, image: ImageRecord) {
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

function parseTags(value: unknown): { key: string; value: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AwsError(INVALID, 'tags must be a list');
  return value.map(t => ({
    key: requireString(t, 'Key', INVALID),
    value: String(t?.Value ?? ''),
  }));
}

function matchesTagStatus(image: ImageRecord, tagStatus: string): boolean {
  if (tagStatus === 'TAGGED') return image.tags.length > 0;
  if (tagStatus === 'UNTAGGED') return image.tags.length === 0;
  return true;
}

type ImageId = { imageDigest?: string; imageTag?: string };

function findImage(store: EcrStore, repo: RepositoryRecord, id: ImageId) {
  return store
    .imagesOf(repo)
    .find(
      i =>
        (!id.imageDigest || i.digest === id.imageDigest) &&
        (!id.imageTag || i.tags.includes(id.imageTag)),
    );
}

function repositoryByArn(store: EcrStore, arn: string): RepositoryRecord {
  const repo = store.repositories.get(arn);
  if (!repo) {
    const name = arn.split(':repository/')[1] ?? arn;
    throw new AwsError(
      'RepositoryNotFoundException',
      `The repository with name '${name}' does not exist in the registry with id '${
        arn.split(':')[4] ?? ''
      }'`,
    );
  }
  return repo;
}

export function ecrOperations(
  store: EcrStore,
): Record<string, OperationHandler> {
  const tags = store.world.tags;
  return {
    CreateRepository(input, ctx) {
      const name = requireString(input, 'repositoryName', INVALID);
      if (!NAME.test(name)) {
        throw new AwsError(
          INVALID,
          `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${NAME.source}''`,
        );
      }
      const accountId = account(input, ctx);
      const arn = store.repositoryArn(accountId, ctx.region, name);
      if (store.repositories.has(arn)) {
        throw new AwsError(
          'RepositoryAlreadyExistsException',
          `The repository with name '${name}' already exists in the registry with id '${accountId}'`,
        );
      }
      const mutability =
        optionalString(input, 'imageTagMutability', INVALID) ?? 'MUTABLE';
      if (!MUTABILITY.includes(mutability)) {
        throw new AwsError(
          INVALID,
          `Invalid imageTagMutability '${mutability}'`,
        );
      }
      const repo: RepositoryRecord = {
        arn,
        name,
        accountId,
        region: ctx.region,
        uri: `${accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${name}`,
        createdAt: store.world.clock.nowMs(),
        imageTagMutability: mutability,
        exclusionFilters:
          optionalArray(input, 'imageTagMutabilityExclusionFilters', INVALID) ??
          [],
        scanOnPush: input.imageScanningConfiguration?.scanOnPush === true,
      };
      store.repositories.set(arn, repo);
      tags.register(arn);
      tags.tag(arn, parseTags(input.tags));
      return { repository: renderRepository(repo) };
    },

    DescribeRepositories(input, ctx) {
      const accountId = account(input, ctx);
      const names = optionalArray<string>(input, 'repositoryNames', INVALID);
      const repos = names?.length
        ? names.map(n => store.repository(accountId, ctx.region, n))
        : [...store.repositories.values()].filter(
            r => r.accountId === accountId && r.region === ctx.region,
          );
      const { page, nextToken } = paginate(repos, {
        nextToken: optionalString(input, 'nextToken', INVALID),
        maxResults: optionalNumber(input, 'maxResults', INVALID),
        defaultMaxResults: 100,
        invalidTokenCode: INVALID,
      });
      return { repositories: page.map(renderRepository), nextToken };
    },

    PutImage(input, ctx) {
      const repo = store.repository(
        account(input, ctx),
        ctx.region,
        requireString(input, 'repositoryName', INVALID),
      );
      const manifest = requireString(input, 'imageManifest', INVALID);
      const tag = optionalString(input, 'imageTag', INVALID);
      if (tag !== undefined && !TAG.test(tag)) {
        throw new AwsError(
          INVALID,
          `Invalid parameter at 'imageTag' failed to satisfy constraint`,
        );
      }
      const image = store.putImage(
        repo,
        manifest,
        tag,
        optionalString(input, 'imageDigest', INVALID),
        optionalString(input, 'imageManifestMediaType', INVALID),
      );
      return {
        image: {
          registryId: repo.accountId,
          repositoryName: repo.name,
          imageId: { imageDigest: image.digest, imageTag: tag },
          imageManifest: image.manifest,
          imageManifestMediaType: image.mediaType,
        },
      };
    },

    BatchGetImage(input, ctx) {
      const repo = store.repository(
        account(input, ctx),
        ctx.region,
        requireString(input, 'repositoryName', INVALID),
      );
      const ids = requireArray<ImageId>(input, 'imageIds', INVALID);
      const images = [];
      const failures = [];
      for (const id of ids) {
        if (!id?.imageDigest && !id?.imageTag) {
          failures.push({
            imageId: id,
            failureCode: 'MissingDigestAndTag',
            failureReason:
              'Invalid request parameters: both tag and digest cannot be null',
          });
          continue;
        }
        const image = findImage(store, repo, id);
        if (!image) {
          failures.push({
            imageId: id,
            failureCode: 'ImageNotFound',
            failureReason: 'Requested image not found',
          });
          continue;
        }
        images.push({
          registryId: repo.accountId,
          repositoryName: repo.name,
          imageId: { imageDigest: image.digest, imageTag: id.imageTag },
          imageManifest: image.manifest,
          imageManifestMediaType: image.mediaType,
        });
      }
      return { images, failures };
    },

    DescribeImages(input, ctx) {
      const repo = store.repository(
        account(input, ctx),
        ctx.region,
        requireString(input, 'repositoryName', INVALID),
      );
      const ids = optionalArray<ImageId>(input, 'imageIds', INVALID);
      const tagStatus = input.filter?.tagStatus ?? 'ANY';
      let images: ImageRecord[];
      if (ids?.length) {
        images = ids.map(id => {
          const found = findImage(store, repo, id);
          if (!found) {
            throw new AwsError(
              'ImageNotFoundException',
              `The image with imageId {imageDigest:'${
                id.imageDigest ?? 'null'
              }', imageTag:'${
                id.imageTag ?? 'null'
              }'} does not exist within the repository with name '${
                repo.name
              }' in the registry with id '${repo.accountId}'`,
            );
          }
          return found;
        });
      } else {
        images = store
          .imagesOf(repo)
          .filter(i => matchesTagStatus(i, tagStatus));
      }
      const { page, nextToken } = paginate(images, {
        nextToken: optionalString(input, 'nextToken', INVALID),
        maxResults: optionalNumber(input, 'maxResults', INVALID),
        defaultMaxResults: 100,
        invalidTokenCode: INVALID,
      });
      return {
        imageDetails: page.map(i => renderImageDetail(repo, i)),
        nextToken,
      };
    },

    ListImages(input, ctx) {
      const repo = store.repository(
        account(input, ctx),
        ctx.region,
        requireString(input, 'repositoryName', INVALID),
      );
      const tagStatus = input.filter?.tagStatus ?? 'ANY';
      const ids: ImageId[] = [];
      for (const image of store.imagesOf(repo)) {
        if (image.tags.length === 0) {
          if (tagStatus !== 'TAGGED') ids.push({ imageDigest: image.digest });
        } else if (tagStatus !== 'UNTAGGED') {
          for (const tag of image.tags)
            ids.push({ imageDigest: image.digest, imageTag: tag });
        }
      }
      const { page, nextToken } = paginate(ids, {
        nextToken: optionalString(input, 'nextToken', INVALID),
        maxResults: optionalNumber(input, 'maxResults', INVALID),
        defaultMaxResults: 100,
        invalidTokenCode: INVALID,
      });
      return { imageIds: page, nextToken };
    },

    TagResource(input) {
      const repo = repositoryByArn(
        store,
        requireString(input, 'resourceArn', INVALID),
      );
      tags.tag(repo.arn, parseTags(requireArray(input, 'tags', INVALID)));
      return {};
    },

    UntagResource(input) {
      const repo = repositoryByArn(
        store,
        requireString(input, 'resourceArn', INVALID),
      );
      tags.untag(repo.arn, requireArray<string>(input, 'tagKeys', INVALID));
      return {};
    },

    ListTagsForResource(input) {
      const repo = repositoryByArn(
        store,
        requireString(input, 'resourceArn', INVALID),
      );
      return {
        tags: tags.list(repo.arn).map(t => ({ Key: t.key, Value: t.value })),
      };
    },
  };
}

import { AwsError } from '../../../core/AwsError';
import type { OperationHandler, RequestContext } from '../../../core/types';
import {
  optionalArray,
  optionalString,
  requireArray,
  requireString,
} from '../../../core/validate';
import type { EcrStore, ImageId } from '../EcrStore';
import type { ImageRecord, RepositoryRecord } from '../model';
import { renderImage, renderImageDetail } from '../render';
import { INVALID, ecrPage, registryOf } from './common';

const TAG = /^[\w][\w.-]{0,127}$/;

function matchesTagStatus(image: ImageRecord, tagStatus: string): boolean {
  if (tagStatus === 'TAGGED') return image.tags.length > 0;
  if (tagStatus === 'UNTAGGED') return image.tags.length === 0;
  return true;
}

function imageNotFound(repo: RepositoryRecord, id: ImageId): AwsError {
  return new AwsError(
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

/** Images: push, read, list. */
export function imageOperations(
  store: EcrStore,
): Record<string, OperationHandler> {
  const repositoryOf = (input: any, ctx: RequestContext) =>
    store.repository(
      registryOf(input, ctx),
      requireString(input, 'repositoryName', INVALID),
    );

  return {
    PutImage(input, ctx) {
      const repo = repositoryOf(input, ctx);
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
      return { image: renderImage(repo, image, tag) };
    },

    BatchGetImage(input, ctx) {
      const repo = repositoryOf(input, ctx);
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
        const image = store.findImage(repo, id);
        if (!image) {
          failures.push({
            imageId: id,
            failureCode: 'ImageNotFound',
            failureReason: 'Requested image not found',
          });
          continue;
        }
        images.push(renderImage(repo, image, id.imageTag));
      }
      return { images, failures };
    },

    DescribeImages(input, ctx) {
      const repo = repositoryOf(input, ctx);
      const ids = optionalArray<ImageId>(input, 'imageIds', INVALID);
      const tagStatus = input.filter?.tagStatus ?? 'ANY';
      const images = ids?.length
        ? ids.map(id => {
            const found = store.findImage(repo, id);
            if (!found) throw imageNotFound(repo, id);
            return found;
          })
        : store.imagesOf(repo).filter(i => matchesTagStatus(i, tagStatus));
      const { page, nextToken } = ecrPage(images, input);
      return {
        imageDetails: page.map(i => renderImageDetail(repo, i)),
        nextToken,
      };
    },

    ListImages(input, ctx) {
      const repo = repositoryOf(input, ctx);
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
      const { page, nextToken } = ecrPage(ids, input);
      return { imageIds: page, nextToken };
    },
  };
}

import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  EcrRepositoryRef,
  PromotionImage,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { errorCodeOf } from '@ecs-deploy/plugin-ecs-deploy-node';
import {
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
} from '../actions/types';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { describeImage, planPromotion, targetTagOf } from './planPromotion';
import { repositoryOf, shortDigest } from './repositories';

function promoted(
  image: PromotionImage,
  from: string,
  to: string,
  tag: string,
  repository: EcrRepositoryRef,
): ActionOutcome {
  const name = image.commitId ?? shortDigest(image.digest);
  return {
    message: `Promoted ${name} from ${from} to ${to}: tagged '${tag}' in ${repository.name}`,
    awsResource: `${repository.arn}:${tag}`,
  };
}

/**
 * Give the image running in `from` the target environment's tag: BatchGetImage
 * of its manifest, PutImage of the same manifest under the tag. Refuses when
 * the preview's digest moved since, or the preview would be blocked. What
 * both environments run is read from ECS now, not from the cache.
 */
export function preparePromote(
  ctx: ActionContext,
  target: ActionTarget,
  from: LoadedEnvironment,
  imageDigest: string,
): PreparedAction {
  const repository = repositoryOf(target.loaded.env, 'environment');
  const sourceRepository = repositoryOf(from.env, 'from');
  return {
    ownedResource: repository.arn,
    async perform({ mutate }) {
      const [source, destination] = await Promise.all([
        ctx.environments.withServiceNow(from),
        ctx.environments.withServiceNow(target.loaded),
      ]);
      const plan = await planPromotion(ctx, source, destination);
      const { preview } = plan;
      if (preview.image.digest !== imageDigest) {
        throw new ConflictError(
          `${from.env.name} now runs ${shortDigest(
            preview.image.digest,
          )}, not ${shortDigest(imageDigest)}; look at the promotion again`,
        );
      }
      if (preview.blockedReason) {
        throw new ConflictError(`Cannot promote: ${preview.blockedReason}`);
      }
      const { image: manifest, failureReason } = await ctx.aws.ecr.manifest(
        plan.source,
        imageDigest,
      );
      const imageManifest = manifest?.imageManifest;
      if (!imageManifest) {
        throw new NotFoundError(
          `Image ${shortDigest(imageDigest)} not found in ${
            plan.source.name
          }: ${failureReason ?? 'no manifest'}`,
        );
      }
      try {
        await mutate(() =>
          ctx.aws.ecr.putImage(
            plan.target,
            {
              imageManifest,
              imageManifestMediaType: manifest?.imageManifestMediaType,
              imageDigest,
              imageTag: preview.targetTag,
            },
            {
              operation: `tagging ${shortDigest(imageDigest)} as ${
                preview.targetTag
              }`,
            },
          ),
        );
      } catch (error) {
        if (errorCodeOf(error) === 'ImageTagAlreadyExistsException') {
          throw new ConflictError(
            `Cannot promote: tag '${preview.targetTag}' is immutable in repository ${plan.target.name} and already taken`,
            error as Error,
          );
        }
        throw error;
      }
      return promoted(
        preview.image,
        preview.from,
        preview.to,
        preview.targetTag,
        plan.target,
      );
    },
    // Promoted: the target environment's tag points to the image.
    async reconcile() {
      const tag = await targetTagOf(ctx, target.loaded, repository);
      if ((await ctx.aws.ecr.tagDigestNow(repository, tag)) !== imageDigest) {
        return undefined;
      }
      const image = await describeImage(ctx, sourceRepository, imageDigest);
      return promoted(
        image,
        from.env.name,
        target.loaded.env.name,
        tag,
        repository,
      );
    },
  };
}

import { ecrRepositoryUri } from '@ecs-deploy/plugin-ecs-deploy-common';
import { NotFoundError } from '@backstage/errors';
import {
  EcrRepositoryRef,
  PromotionImage,
  PromotionPreview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ActionContext } from '../actions/types';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { runningTaskDefinition } from '../mapping/runningTaskDefinition';
import { repositoryOf, shortDigest } from './repositories';

/*
 * Promotion as a pipeline bound to one image tag wants it: the image (by
 * digest) running in environment A gets environment B's tag in ECR, and B's
 * pipeline, watching that tag, starts.
 */

const COMMIT_TAG = /^[0-9a-f]{7,40}$/;

/**
 * The digest of the repository's image that the environment's service runs:
 * the primary task set's (CODE_DEPLOY, EXTERNAL) or primary deployment's task
 * definition, its container from this repository. An image named by tag is
 * resolved to the digest the tag points to now.
 */
async function runningDigest(
  ctx: ActionContext,
  loaded: LoadedEnvironment,
  repo: EcrRepositoryRef,
): Promise<string | undefined> {
  const { env, service } = loaded;
  if (!service) return undefined;
  const taskDefinitionArn = runningTaskDefinition(service);
  if (!taskDefinitionArn) return undefined;
  const { containers } = await ctx.aws.ecs.taskDefinition(
    { accountId: env.accountId, region: env.region },
    taskDefinitionArn,
  );
  const uri = ecrRepositoryUri(repo);
  for (const { image } of containers) {
    if (image.startsWith(`${uri}@`)) return image.slice(uri.length + 1);
    if (image === uri || image.startsWith(`${uri}:`)) {
      return ctx.aws.ecr.tagDigestNow(
        repo,
        image.slice(uri.length + 1) || 'latest',
      );
    }
  }
  return undefined;
}

/** The image of a digest in a repository, with its tags and commit. */
export async function describeImage(
  ctx: ActionContext,
  repo: EcrRepositoryRef,
  digest: string,
): Promise<PromotionImage> {
  const detail = await ctx.aws.ecr.imageByDigest(repo, digest);
  const tags = detail?.imageTags ?? [];
  const commitId = tags.find(t => COMMIT_TAG.test(t));
  return {
    repository: repo.name,
    digest,
    tags,
    ...(commitId ? { commitId } : {}),
  };
}

/**
 * The tag the target environment's pipeline watches: the ImageTag of its ECR
 * source action on this repository, else the environment's name.
 */
export async function targetTagOf(
  ctx: ActionContext,
  loaded: LoadedEnvironment,
  repo: EcrRepositoryRef,
): Promise<string> {
  const pipeline = loaded.env.pipeline;
  if (!pipeline) return loaded.env.name;
  const watched = await ctx.aws.codePipeline.watchedImageTag(
    pipeline,
    repo.name,
  );
  return watched.tag ?? loaded.env.name;
}

/** A preview and what promoting needs to act on it. */
export interface PromotionPlan {
  preview: PromotionPreview;
  source: EcrRepositoryRef;
  target: EcrRepositoryRef;
}

/** What promoting `from` → `to` would change, read without changing anything. */
export async function planPromotion(
  ctx: ActionContext,
  from: LoadedEnvironment,
  to: LoadedEnvironment,
): Promise<PromotionPlan> {
  const source = repositoryOf(from.env, 'from');
  const target = repositoryOf(to.env, 'environment');
  const [digest, currentDigest, targetTag, mutability] = await Promise.all([
    runningDigest(ctx, from, source),
    runningDigest(ctx, to, target),
    targetTagOf(ctx, to, target),
    ctx.aws.ecr.tagMutability(target),
  ]);
  // IMMUTABLE_WITH_EXCLUSION may exempt the tag: PutImage decides (and its
  // refusal is answered with the same 409).
  const immutable = mutability === 'IMMUTABLE';
  if (!digest) {
    throw new NotFoundError(
      `Environment '${from.env.name}' runs no image from repository ${source.name} to promote`,
    );
  }
  const [image, current, tagHolder] = await Promise.all([
    describeImage(ctx, source, digest),
    currentDigest
      ? describeImage(ctx, target, currentDigest).catch(error => {
          // the target may run an image its repository no longer holds
          if (error.name !== 'NotFoundError') throw error;
          return { repository: target.name, digest: currentDigest, tags: [] };
        })
      : Promise.resolve(undefined),
    ctx.aws.ecr.tagDigestNow(target, targetTag),
  ]);

  let blockedReason: string | undefined;
  if (currentDigest === digest) {
    blockedReason = `${to.env.name} already runs ${shortDigest(digest)}`;
  } else if (tagHolder && immutable) {
    blockedReason = `tag '${targetTag}' is immutable in repository ${
      target.name
    } and already taken by ${shortDigest(tagHolder)}`;
  } else if (tagHolder === digest) {
    blockedReason = `tag '${targetTag}' already points to ${shortDigest(
      digest,
    )}; start ${to.env.name}'s pipeline instead`;
  }
  return {
    preview: {
      from: from.env.name,
      to: to.env.name,
      image,
      ...(current ? { current } : {}),
      targetTag,
      ...(blockedReason ? { blockedReason } : {}),
    },
    source,
    target,
  };
}

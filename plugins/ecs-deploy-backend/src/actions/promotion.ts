import { GetPipelineCommand } from '@aws-sdk/client-codepipeline';
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  EcrRepositoryRef,
  PromotionImage,
  PromotionPreview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  errorCodeOf,
  toBackstageError,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { callAws } from '../service/aws/callAws';
import { describeTaskDefinition } from '../service/aws/ecsReads';
import { LoadedEnvironment } from '../service/EnvironmentContext';
import { withFreshService } from './freshService';
import {
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
  shortDigest,
} from './types';

/*
 * Promotion as field note 000 does it: a pipeline is bound to one image tag,
 * so the image (by digest) running in environment A gets environment B's tag
 * in ECR, and B's pipeline, watching that tag, starts.
 */

const COMMIT_TAG = /^[0-9a-f]{7,40}$/;

function repositoryOf(
  loaded: LoadedEnvironment,
  field: string,
): EcrRepositoryRef {
  const repo = loaded.env.ecrRepository;
  if (!repo) {
    throw new InputError(
      `${field}: environment '${loaded.env.name}' has no ECR repository; annotate the entity with ecs-deploy.io/ecr-repository-arn`,
    );
  }
  return repo;
}

/** The registry URI task definitions name the repository's images by. */
export function repositoryUri(repo: EcrRepositoryRef): string {
  const suffix = repo.region.startsWith('cn-')
    ? 'amazonaws.com.cn'
    : 'amazonaws.com';
  return `${repo.accountId}.dkr.ecr.${repo.region}.${suffix}/${repo.name}`;
}

async function ecrFor(ctx: ActionContext, repo: EcrRepositoryRef) {
  return (
    await ctx.reads.clients.forResource({
      accountId: repo.accountId,
      region: repo.region,
    })
  ).ecr;
}

/** The digest a tag points to now, if the tag exists. */
async function digestOfTag(
  ctx: ActionContext,
  repo: EcrRepositoryRef,
  tag: string,
): Promise<string | undefined> {
  const ecr = await ecrFor(ctx, repo);
  try {
    const out = await ecr.send(
      new DescribeImagesCommand({
        registryId: repo.accountId,
        repositoryName: repo.name,
        imageIds: [{ imageTag: tag }],
      }),
    );
    return out.imageDetails?.[0]?.imageDigest;
  } catch (error) {
    if ((error as Error).name === 'ImageNotFoundException') return undefined;
    throw toBackstageError(error, {
      iamAction: 'ecr:DescribeImages',
      resource: repo.arn,
    });
  }
}

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
  const taskDefinitionArn =
    service.taskSets.find(t => t.status === 'PRIMARY')?.taskDefinitionArn ??
    service.deployments.find(d => d.status === 'PRIMARY')?.taskDefinitionArn ??
    service.taskDefinitionArn;
  if (!taskDefinitionArn) return undefined;
  const { containers } = await describeTaskDefinition(
    ctx.reads,
    { accountId: env.accountId, region: env.region },
    taskDefinitionArn,
  );
  const uri = repositoryUri(repo);
  for (const { image } of containers) {
    if (image.startsWith(`${uri}@`)) return image.slice(uri.length + 1);
    if (image === uri || image.startsWith(`${uri}:`)) {
      return digestOfTag(ctx, repo, image.slice(uri.length + 1) || 'latest');
    }
  }
  return undefined;
}

async function describeImage(
  ctx: ActionContext,
  repo: EcrRepositoryRef,
  digest: string,
): Promise<PromotionImage> {
  const ecr = await ecrFor(ctx, repo);
  const out = await callAws(
    () =>
      ecr.send(
        new DescribeImagesCommand({
          registryId: repo.accountId,
          repositoryName: repo.name,
          imageIds: [{ imageDigest: digest }],
        }),
      ),
    { iamAction: 'ecr:DescribeImages', resource: `${repo.arn}@${digest}` },
  );
  const tags = out.imageDetails?.[0]?.imageTags ?? [];
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
async function targetTagOf(
  ctx: ActionContext,
  loaded: LoadedEnvironment,
  repo: EcrRepositoryRef,
): Promise<string> {
  const pipeline = loaded.env.pipeline;
  if (!pipeline) return loaded.env.name;
  const watched = await ctx.reads.cache.get(
    `codepipeline:ecrtag:${pipeline.arn}:${repo.name}`,
    async () => {
      const { codePipeline } = await ctx.reads.clients.forResource({
        accountId: pipeline.accountId,
        region: pipeline.region,
      });
      const out = await callAws(
        () =>
          codePipeline.send(new GetPipelineCommand({ name: pipeline.name })),
        { iamAction: 'codepipeline:GetPipeline', resource: pipeline.arn },
      );
      for (const stage of out.pipeline?.stages ?? []) {
        for (const action of stage.actions ?? []) {
          const config = action.configuration ?? {};
          if (
            action.actionTypeId?.category === 'Source' &&
            action.actionTypeId.provider === 'ECR' &&
            config.RepositoryName === repo.name
          ) {
            return { tag: config.ImageTag || 'latest' };
          }
        }
      }
      return { tag: null };
    },
    ctx.reads.ttl.resolution,
  );
  return watched.tag ?? loaded.env.name;
}

async function isImmutable(
  ctx: ActionContext,
  repo: EcrRepositoryRef,
): Promise<boolean> {
  const ecr = await ecrFor(ctx, repo);
  const out = await callAws(
    () =>
      ecr.send(
        new DescribeRepositoriesCommand({
          registryId: repo.accountId,
          repositoryNames: [repo.name],
        }),
      ),
    { iamAction: 'ecr:DescribeRepositories', resource: repo.arn },
  );
  // IMMUTABLE_WITH_EXCLUSION may exempt the tag: PutImage decides (and its
  // refusal is mapped to the same 409 below).
  return out.repositories?.[0]?.imageTagMutability === 'IMMUTABLE';
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
  const source = repositoryOf(from, 'from');
  const target = repositoryOf(to, 'environment');
  const [digest, currentDigest, targetTag, immutable] = await Promise.all([
    runningDigest(ctx, from, source),
    runningDigest(ctx, to, target),
    targetTagOf(ctx, to, target),
    isImmutable(ctx, target),
  ]);
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
    digestOfTag(ctx, target, targetTag),
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
  const repository = repositoryOf(target.loaded, 'environment');
  const sourceRepository = repositoryOf(from, 'from');
  return {
    ownedResource: repository.arn,
    async perform({ mutate }) {
      const [source, destination] = await Promise.all([
        withFreshService(ctx, from),
        withFreshService(ctx, target.loaded),
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
      const sourceEcr = await ecrFor(ctx, plan.source);
      const got = await callAws(
        () =>
          sourceEcr.send(
            new BatchGetImageCommand({
              registryId: plan.source.accountId,
              repositoryName: plan.source.name,
              imageIds: [{ imageDigest }],
            }),
          ),
        { iamAction: 'ecr:BatchGetImage', resource: plan.source.arn },
      );
      const manifest = got.images?.[0];
      if (!manifest?.imageManifest) {
        throw new NotFoundError(
          `Image ${shortDigest(imageDigest)} not found in ${
            plan.source.name
          }: ${got.failures?.[0]?.failureReason ?? 'no manifest'}`,
        );
      }
      const targetEcr = await ecrFor(ctx, plan.target);
      try {
        await mutate(
          () =>
            targetEcr.send(
              new PutImageCommand({
                registryId: plan.target.accountId,
                repositoryName: plan.target.name,
                imageManifest: manifest.imageManifest,
                imageManifestMediaType: manifest.imageManifestMediaType,
                imageDigest,
                imageTag: preview.targetTag,
              }),
            ),
          {
            operation: `tagging ${shortDigest(imageDigest)} as ${
              preview.targetTag
            }`,
            iamAction: 'ecr:PutImage',
            resource: plan.target.arn,
          },
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
      if ((await digestOfTag(ctx, repository, tag)) !== imageDigest) {
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

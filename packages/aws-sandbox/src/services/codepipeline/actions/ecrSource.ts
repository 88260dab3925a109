import { ecrRepositoryArn } from '../../../core/arns';
import type { EcrImageDetail } from '../../../world';
import { ActionFailure } from './ActionFailure';
import type { ActionEnv, ActionRunner } from './actionRunner';
import { pollTimed } from './actionRunner';
import { IMAGE_DETAIL_FILE, renderImageDetail } from './imageDetail';
import { recordSourceRevision } from './sourceRevisions';

/** Source actions take a few seconds to fetch their revision. */
export const SOURCE_MS = 5_000;

/**
 * ECR source: the image the trigger pinned (an ECR push names its digest),
 * else the watched tag's image, as the output artifact's `imageDetail.json`
 * and as the action's variables.
 */
export const ecrSource: ActionRunner = {
  start(run, env, at) {
    const config = env.declaration.configuration ?? {};
    const repositoryName = config.RepositoryName;
    const imageTag = config.ImageTag ?? 'latest';
    const pinned = env.execution.pinned?.[run.actionName];
    const image = findImage(
      env,
      repositoryName,
      pinned?.imageDigest ? { imageDigest: pinned.imageDigest } : { imageTag },
      pinned?.repositoryArn,
    );
    if (!image) {
      throw new ActionFailure(
        pinned?.imageDigest
          ? `The image digest '${pinned.imageDigest}' does not exist in the repository '${repositoryName}'`
          : `The image tag '${imageTag}' does not exist in the repository '${repositoryName}'`,
      );
    }
    for (const output of env.declaration.outputArtifacts ?? []) {
      env.execution.artifacts[output.name] = {
        revisionId: image.imageDigest,
        files: { [IMAGE_DETAIL_FILE]: renderImageDetail(image) },
      };
    }
    run.outputVariables = {
      ImageDigest: image.imageDigest,
      ImageTag: imageTag,
      ImageURI: image.imageUri,
      RegistryId: image.registryId,
      RepositoryName: repositoryName,
    };
    run.externalExecutionId = image.imageDigest;
    run.externalExecutionSummary = `Image ${repositoryName}:${imageTag}`;
    run.summary = `Image ${repositoryName}:${imageTag}`;
    recordSourceRevision(env.execution, {
      actionName: run.actionName,
      revisionId: image.imageDigest,
      revisionSummary: `Image tag: ${imageTag}`,
    });
    run.nextAt = at + SOURCE_MS;
  },
  poll: (run, _env, now) => pollTimed(run, now),
};

/**
 * The image in the repository the trigger named, else the one last seen
 * pushing under this name (a pipeline may watch another account's
 * repository), else the pipeline's own account's, else the sandbox default's.
 */
function findImage(
  env: ActionEnv,
  repositoryName: string,
  imageId: { imageTag: string } | { imageDigest: string },
  pinnedRepositoryArn: string | undefined,
): EcrImageDetail | undefined {
  const { pipeline, world } = env;
  const candidates = [
    pinnedRepositoryArn,
    env.knownRepositoryArn(repositoryName),
    ecrRepositoryArn(pipeline, repositoryName),
    ecrRepositoryArn(world.defaults, repositoryName),
  ];
  for (const repositoryArn of candidates) {
    if (!repositoryArn) continue;
    const image = world.ecr.describeImage(repositoryArn, imageId);
    if (image) return image;
  }
  return undefined;
}

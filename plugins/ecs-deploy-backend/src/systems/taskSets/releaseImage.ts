import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  EcrRepositoryRef,
  ecrRepositoryArn,
  ecrRepositoryUri,
  parseEcrImageUri,
  parseEcrRepositoryArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ActionContext } from '../../actions/types';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { shortDigest } from '../../promotion/repositories';

/** The image a release runs, pinned by digest. */
export interface ReleaseImage {
  /** `<repository uri>@sha256:…`, what the new task definition names. */
  uri: string;
  digest: string;
  /** The tag it was asked by, or the source environment's. */
  tag?: string;
}

/** The repository of an ECR image URI, as the gateways name repositories. */
function repositoryOfImage(image: string): EcrRepositoryRef | undefined {
  const address = parseEcrImageUri(image);
  if (!address) return undefined;
  return parseEcrRepositoryArn(
    ecrRepositoryArn({
      accountId: address.accountId,
      region: address.region,
      name: address.repository,
    }),
  );
}

/** The image a running task definition gives a container. */
export async function containerImage(
  ctx: ActionContext,
  loaded: LoadedEnvironment,
  taskDefinitionArn: string,
  container: string,
): Promise<string | undefined> {
  const { containers } = await ctx.aws.ecs.taskDefinition(
    { accountId: loaded.env.accountId, region: loaded.env.region },
    taskDefinitionArn,
  );
  return (containers.find(c => c.name === container) ?? containers[0])?.image;
}

/**
 * Pins an image to its digest: one named by digest is kept, one named by
 * tag is resolved in ECR now. Only ECR images can be pinned, and a release
 * names what it deploys exactly.
 */
export async function pinImage(
  ctx: ActionContext,
  image: string,
  field: string,
  tag?: string,
): Promise<ReleaseImage> {
  const repository = repositoryOfImage(image);
  const address = parseEcrImageUri(image);
  if (!repository || !address) {
    throw new ConflictError(
      `${field}: ${image} is not an image in a private ECR repository; a release pins its image by digest`,
    );
  }
  const uri = ecrRepositoryUri(repository);
  const wanted = tag ?? address.tag ?? 'latest';
  const digest =
    (!tag && address.digest) ||
    (await ctx.aws.ecr.tagDigestNow(repository, wanted));
  if (!digest) {
    throw new NotFoundError(
      `${field}: tag '${wanted}' is not in repository ${repository.name}`,
    );
  }
  return { uri: `${uri}@${digest}`, digest, tag: tag ?? address.tag };
}

/** `abc1234 (sha256:0123…)`, for messages. */
export function imageName(image: ReleaseImage): string {
  return image.tag
    ? `${image.tag} (${shortDigest(image.digest)})`
    : shortDigest(image.digest);
}

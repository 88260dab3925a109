import {
  BatchGetImageCommand,
  BatchGetImageCommandOutput,
  CreateRepositoryCommand,
  CreateRepositoryCommandInput,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ImageDetail,
  ImageIdentifier,
  ListTagsForResourceCommand,
  PutImageCommand,
  PutImageCommandInput,
  Repository,
  Tag,
} from '@aws-sdk/client-ecr';
import { GatewayCallContext, call, unlessAbsent } from './call';

/*
 * Amazon ECR: every ECR command the suite sends is built here. Lookups that
 * may find nothing answer `undefined`.
 */

/**
 * A repository in a registry (the registry id is its account id).
 *
 * @public
 */
export interface EcrRepositoryName {
  /** The registry's account id; the calling account when unset. */
  registryId?: string;
  /** The repository name, e.g. `payments-api`. */
  repositoryName: string;
}

/**
 * Details (digest, tags, push time) of the images with these ids.
 *
 * @public
 */
export async function describeImages(
  ecr: ECRClient,
  input: EcrRepositoryName & { imageIds: ImageIdentifier[] },
  context?: GatewayCallContext,
): Promise<ImageDetail[]> {
  const out = await call('ecr:DescribeImages', context, () =>
    ecr.send(new DescribeImagesCommand(input)),
  );
  return out.imageDetails ?? [];
}

/**
 * The digest a tag points to now, unless no image has the tag.
 *
 * @public
 */
export async function findImageDigest(
  ecr: ECRClient,
  input: EcrRepositoryName & { imageTag: string },
  context?: GatewayCallContext,
): Promise<string | undefined> {
  const { imageTag, ...repository } = input;
  const out = await call('ecr:DescribeImages', context, () =>
    unlessAbsent(['ImageNotFoundException'], () =>
      ecr.send(
        new DescribeImagesCommand({ ...repository, imageIds: [{ imageTag }] }),
      ),
    ),
  );
  return out?.imageDetails?.[0]?.imageDigest;
}

/**
 * Repositories by name; a name that does not exist is a `NotFoundError`.
 *
 * @public
 */
export async function describeRepositories(
  ecr: ECRClient,
  input: { registryId?: string; repositoryNames: string[] },
  context?: GatewayCallContext,
): Promise<Repository[]> {
  const out = await call('ecr:DescribeRepositories', context, () =>
    ecr.send(new DescribeRepositoriesCommand(input)),
  );
  return out.repositories ?? [];
}

/**
 * The repository, unless it does not exist.
 *
 * @public
 */
export async function findRepository(
  ecr: ECRClient,
  input: EcrRepositoryName,
  context?: GatewayCallContext,
): Promise<Repository | undefined> {
  const out = await call('ecr:DescribeRepositories', context, () =>
    unlessAbsent(['RepositoryNotFoundException'], () =>
      ecr.send(
        new DescribeRepositoriesCommand({
          registryId: input.registryId,
          repositoryNames: [input.repositoryName],
        }),
      ),
    ),
  );
  return out?.repositories?.[0];
}

/**
 * Images with their manifests, and the ids ECR could not find as failures.
 *
 * @public
 */
export async function batchGetImage(
  ecr: ECRClient,
  input: EcrRepositoryName & { imageIds: ImageIdentifier[] },
  context?: GatewayCallContext,
): Promise<Pick<BatchGetImageCommandOutput, 'images' | 'failures'>> {
  const out = await call('ecr:BatchGetImage', context, () =>
    ecr.send(new BatchGetImageCommand(input)),
  );
  return { images: out.images, failures: out.failures };
}

/**
 * Writes an image manifest under a tag, e.g. to give an existing image another
 * tag.
 *
 * @public
 */
export async function putImage(
  ecr: ECRClient,
  input: PutImageCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('ecr:PutImage', context, () =>
    ecr.send(new PutImageCommand(input)),
  );
}

/**
 * Tags of an ECR repository, by ARN.
 *
 * @public
 */
export async function listTagsForResource(
  ecr: ECRClient,
  resourceArn: string,
  context?: GatewayCallContext,
): Promise<Tag[]> {
  const out = await call('ecr:ListTagsForResource', context, () =>
    ecr.send(new ListTagsForResourceCommand({ resourceArn })),
  );
  return out.tags ?? [];
}

/**
 * Creates a repository.
 *
 * @public
 */
export async function createRepository(
  ecr: ECRClient,
  input: CreateRepositoryCommandInput,
  context?: GatewayCallContext,
): Promise<Repository> {
  const out = await call('ecr:CreateRepository', context, () =>
    ecr.send(new CreateRepositoryCommand(input)),
  );
  return out.repository!;
}

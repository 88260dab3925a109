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

/** A repository in a registry (the registry id is its account id). */
export interface EcrRepositoryName {
  registryId?: string;
  repositoryName: string;
}

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

/** The digest a tag points to now, unless no image has the tag. */
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

/** The repository, unless it does not exist. */
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

export async function putImage(
  ecr: ECRClient,
  input: PutImageCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('ecr:PutImage', context, () =>
    ecr.send(new PutImageCommand(input)),
  );
}

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

import type { ECRClient, Repository } from '@aws-sdk/client-ecr';
import {
  AwsTag,
  ecrGateway,
  tagRecord,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import type { Tagged } from './tagged';

/* ECR for the scaffolder: the shared gateway's calls, with tags as records. */

export async function findRepository(
  ecr: ECRClient,
  repositoryName: string,
): Promise<Tagged<Repository> | undefined> {
  const context = {
    operation: 'looking up the ECR repository',
    resource: repositoryName,
  };
  const found = await ecrGateway.findRepository(
    ecr,
    { repositoryName },
    context,
  );
  if (!found?.repositoryArn) return undefined;
  const tags = await ecrGateway.listTagsForResource(
    ecr,
    found.repositoryArn,
    context,
  );
  return { value: found, tags: tagRecord(tags) };
}

export async function createRepository(
  ecr: ECRClient,
  spec: { repositoryName: string; scanOnPush: boolean; tags: AwsTag[] },
): Promise<{ repositoryArn: string; repositoryUri: string }> {
  const created = await ecrGateway.createRepository(
    ecr,
    {
      repositoryName: spec.repositoryName,
      // Promotion moves environment tags, so tags stay mutable.
      imageTagMutability: 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: spec.scanOnPush },
      tags: spec.tags,
    },
    { operation: 'creating the ECR repository', resource: spec.repositoryName },
  );
  return {
    repositoryArn: created.repositoryArn!,
    repositoryUri: created.repositoryUri!,
  };
}

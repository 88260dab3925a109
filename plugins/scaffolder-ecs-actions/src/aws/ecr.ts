import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ListTagsForResourceCommand,
  Repository,
} from '@aws-sdk/client-ecr';
import { AwsTag, tagRecord } from '@ecs-deploy/plugin-ecs-deploy-node';
import { isAwsError } from '../lib/awsErrors';
import { awsCall } from '../lib/call';
import type { Tagged } from './tagged';

/* ECR for the scaffolder. */

export async function findRepository(
  ecr: ECRClient,
  repositoryName: string,
): Promise<Tagged<Repository> | undefined> {
  const found = await awsCall(
    'looking up the ECR repository',
    repositoryName,
    async () => {
      try {
        const res = await ecr.send(
          new DescribeRepositoriesCommand({
            repositoryNames: [repositoryName],
          }),
        );
        return res.repositories?.[0];
      } catch (e) {
        if (isAwsError(e, 'RepositoryNotFoundException')) return undefined;
        throw e;
      }
    },
  );
  if (!found?.repositoryArn) return undefined;
  const tags = await awsCall(
    'reading ECR repository tags',
    repositoryName,
    () =>
      ecr.send(
        new ListTagsForResourceCommand({ resourceArn: found.repositoryArn }),
      ),
  );
  return { value: found, tags: tagRecord(tags.tags) };
}

export async function createRepository(
  ecr: ECRClient,
  spec: { repositoryName: string; scanOnPush: boolean; tags: AwsTag[] },
): Promise<{ repositoryArn: string; repositoryUri: string }> {
  const res = await awsCall(
    'creating the ECR repository',
    spec.repositoryName,
    () =>
      ecr.send(
        new CreateRepositoryCommand({
          repositoryName: spec.repositoryName,
          // Promotion moves environment tags, so tags stay mutable.
          imageTagMutability: 'MUTABLE',
          imageScanningConfiguration: { scanOnPush: spec.scanOnPush },
          tags: spec.tags,
        }),
      ),
  );
  return {
    repositoryArn: res.repository!.repositoryArn!,
    repositoryUri: res.repository!.repositoryUri!,
  };
}

import {
  CodePipelineClient,
  GetPipelineCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-codepipeline';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { tagRecord } from '@ecs-deploy/plugin-ecs-deploy-node';
import { isAwsError } from '../lib/awsErrors';
import { awsCall } from '../lib/call';

/* Read-only CodePipeline and ECR lookups; absence is undefined. */

export async function findPipeline(
  codePipeline: CodePipelineClient,
  name: string,
) {
  return awsCall('looking up the pipeline', name, async () => {
    try {
      const res = await codePipeline.send(new GetPipelineCommand({ name }));
      return res.pipeline;
    } catch (e) {
      if (isAwsError(e, 'PipelineNotFoundException')) return undefined;
      throw e;
    }
  });
}

export async function pipelineTags(
  codePipeline: CodePipelineClient,
  arn: string,
) {
  return awsCall('reading pipeline tags', arn, async () => {
    const res = await codePipeline.send(
      new ListTagsForResourceCommand({ resourceArn: arn }),
    );
    return tagRecord(res.tags);
  });
}

export async function findRepository(ecr: ECRClient, repositoryName: string) {
  return awsCall('looking up the ECR repository', repositoryName, async () => {
    try {
      const res = await ecr.send(
        new DescribeRepositoriesCommand({ repositoryNames: [repositoryName] }),
      );
      return res.repositories?.[0];
    } catch (e) {
      if (isAwsError(e, 'RepositoryNotFoundException')) return undefined;
      throw e;
    }
  });
}

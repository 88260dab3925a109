import {
  CodePipelineClient,
  CreatePipelineCommand,
  GetPipelineCommand,
  ListTagsForResourceCommand,
  PipelineDeclaration,
} from '@aws-sdk/client-codepipeline';
import {
  AwsTag,
  tagRecord,
  toEcsTags,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { isAwsError } from '../lib/awsErrors';
import { awsCall } from '../lib/call';
import type { Tagged } from './tagged';

/* CodePipeline for the scaffolder. */

export async function findPipeline(
  codePipeline: CodePipelineClient,
  name: string,
  arn: string,
): Promise<Tagged<PipelineDeclaration> | undefined> {
  const found = await awsCall('looking up the pipeline', name, async () => {
    try {
      const res = await codePipeline.send(new GetPipelineCommand({ name }));
      return res.pipeline;
    } catch (e) {
      if (isAwsError(e, 'PipelineNotFoundException')) return undefined;
      throw e;
    }
  });
  if (!found) return undefined;
  const tags = await awsCall('reading pipeline tags', arn, () =>
    codePipeline.send(new ListTagsForResourceCommand({ resourceArn: arn })),
  );
  return { value: found, tags: tagRecord(tags.tags) };
}

export async function createPipeline(
  codePipeline: CodePipelineClient,
  pipeline: PipelineDeclaration,
  tags: AwsTag[],
): Promise<void> {
  await awsCall('creating the pipeline', pipeline.name ?? '', () =>
    codePipeline.send(
      new CreatePipelineCommand({
        pipeline,
        // CodePipeline spells tags key/value, as ECS does.
        tags: toEcsTags(tags),
      }),
    ),
  );
}

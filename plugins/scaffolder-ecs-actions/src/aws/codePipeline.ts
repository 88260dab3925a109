import type {
  CodePipelineClient,
  PipelineDeclaration,
} from '@aws-sdk/client-codepipeline';
import {
  AwsTag,
  codePipelineGateway,
  tagRecord,
  toEcsTags,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import type { Tagged } from './tagged';

/* CodePipeline for the scaffolder: the shared gateway's calls, with tags as records. */

export async function findPipeline(
  codePipeline: CodePipelineClient,
  name: string,
  arn: string,
): Promise<Tagged<PipelineDeclaration> | undefined> {
  const context = { operation: 'looking up the pipeline', resource: name };
  const found = await codePipelineGateway.findPipeline(
    codePipeline,
    name,
    context,
  );
  if (!found) return undefined;
  const tags = await codePipelineGateway.listTagsForResource(
    codePipeline,
    arn,
    context,
  );
  return { value: found, tags: tagRecord(tags) };
}

export async function createPipeline(
  codePipeline: CodePipelineClient,
  pipeline: PipelineDeclaration,
  tags: AwsTag[],
): Promise<void> {
  await codePipelineGateway.createPipeline(
    codePipeline,
    // CodePipeline spells tags key/value, as ECS does.
    { pipeline, tags: toEcsTags(tags) },
    { operation: 'creating the pipeline', resource: pipeline.name },
  );
}

import { AwsError } from '../../../core/AwsError';
import type { OperationHandler } from '../../../core/types';
import { optionalArray, requireString } from '../../../core/validate';
import type { CodePipelineStore } from '../CodePipelineStore';
import { INVALID, codePipelineTagsInput } from './common';

/** Tags of pipelines. */
export function tagOperations(
  store: CodePipelineStore,
): Record<string, OperationHandler> {
  const pipelineArn = (input: any) => {
    const arn = requireString(input, 'resourceArn', INVALID);
    if (!/^arn:aws[\w-]*:codepipeline:/.test(arn)) {
      throw new AwsError('InvalidArnException', `The ARN ${arn} is not valid`);
    }
    const pipeline = store.findPipelineByArn(arn);
    if (!pipeline) {
      throw new AwsError(
        'ResourceNotFoundException',
        `The resource with the ARN ${arn} was not found`,
      );
    }
    return pipeline.arn;
  };

  return {
    TagResource(input, ctx) {
      ctx.world.tags.tag(pipelineArn(input), codePipelineTagsInput(input.tags));
      return {};
    },

    UntagResource(input, ctx) {
      ctx.world.tags.untag(
        pipelineArn(input),
        optionalArray<string>(input, 'tagKeys', INVALID) ?? [],
      );
      return {};
    },

    ListTagsForResource(input, ctx) {
      return { tags: ctx.world.tags.list(pipelineArn(input)) };
    },
  };
}

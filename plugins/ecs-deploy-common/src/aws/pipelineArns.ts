import { ArnScope, AwsResourceRef, formatArn, parseResourceArn } from './arns';

/**
 * A CodePipeline pipeline as named by its ARN (`...:codepipeline:<region>:<account>:<name>`).
 *
 * @public
 */
export interface PipelineRef extends AwsResourceRef {
  /** The pipeline's name. */
  name: string;
}

/** The ARN of a pipeline. @public */
export function pipelineArn(ref: ArnScope & { name: string }): string {
  return formatArn(ref, 'codepipeline', ref.name);
}

/** Parses a pipeline's ARN, or returns undefined for any other string. @public */
export function parsePipelineArn(arn: string): PipelineRef | undefined {
  return parseResourceArn(arn, 'codepipeline', /^([^/:]+)$/, ([name]) => ({
    name,
  }));
}

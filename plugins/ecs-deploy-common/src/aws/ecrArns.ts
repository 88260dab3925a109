import { ArnScope, AwsResourceRef, formatArn, parseResourceArn } from './arns';

/**
 * An ECR repository as named by its ARN (`...:repository/<name>`; names may
 * contain `/`).
 *
 * @public
 */
export interface EcrRepositoryRef extends AwsResourceRef {
  /** The repository's name. */
  name: string;
}

/** The ARN of a repository. @public */
export function ecrRepositoryArn(ref: ArnScope & { name: string }): string {
  return formatArn(ref, 'ecr', `repository/${ref.name}`);
}

/** Parses a repository's ARN, or returns undefined for any other string. @public */
export function parseEcrRepositoryArn(
  arn: string,
): EcrRepositoryRef | undefined {
  return parseResourceArn(arn, 'ecr', /^repository\/(.+)$/, ([name]) => ({
    name,
  }));
}

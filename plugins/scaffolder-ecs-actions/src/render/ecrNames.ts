/*
 * ECR repository address and ARN, derived rather than looked up so that the
 * infrastructure repository can be rendered before the repository exists.
 */

/** @public */
export function ecrRepositoryUri(ecr: {
  accountId: string;
  region: string;
  repositoryName: string;
}): string {
  return `${ecr.accountId}.dkr.ecr.${ecr.region}.amazonaws.com/${ecr.repositoryName}`;
}

/** @public */
export function ecrRepositoryArn(ecr: {
  accountId: string;
  region: string;
  repositoryName: string;
}): string {
  return `arn:aws:ecr:${ecr.region}:${ecr.accountId}:repository/${ecr.repositoryName}`;
}

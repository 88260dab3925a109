/**
 * The key under which the sandbox holds a non-ECR source's commits:
 * `codecommit:<repo>@<branch>`, `git:<owner/repo>@<branch>` or
 * `s3:<bucket>/<key>`.
 *
 * @public
 */
export function sourceKeyOf(
  provider: string,
  configuration: Record<string, string>,
): string {
  switch (provider) {
    case 'CodeCommit':
      return `codecommit:${configuration.RepositoryName}@${
        configuration.BranchName ?? 'main'
      }`;
    case 'CodeStarSourceConnection':
      return `git:${configuration.FullRepositoryId}@${
        configuration.BranchName ?? 'main'
      }`;
    case 'S3':
      return `s3:${configuration.S3Bucket}/${configuration.S3ObjectKey}`;
    default:
      return `${provider}:${JSON.stringify(configuration)}`;
  }
}

import path from 'node:path';
import type { SourceRepositoryRule } from '../../../world';
import { ActionFailure } from '../actions/ActionFailure';
import type { SourceCommit } from '../model';
import { readGitCommit } from './gitRepository';
import type { HeldRepositories } from './HeldRepositories';
import { sourceKeyOf } from './sourceKey';

const REPOSITORY_NAME = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;

/**
 * Where a source action's commit comes from: a Git connection's repository
 * whose owner has a rule is the local git repository the rule names; every
 * other source is a repository the sandbox holds (`pushSourceCommit`). A
 * repository, branch or commit that is not there fails the action with the
 * provider's message.
 */
export class SourceRepositories {
  constructor(
    private readonly rules: readonly SourceRepositoryRule[],
    private readonly held: HeldRepositories,
  ) {}

  /** The branch head, or `commitId` when the execution pinned one. Throws ActionFailure. */
  checkout(
    provider: string,
    configuration: Record<string, string>,
    commitId?: string,
  ): SourceCommit {
    const directory =
      provider === 'CodeStarSourceConnection'
        ? this.directoryOf(configuration.FullRepositoryId)
        : undefined;
    if (directory === undefined) {
      const held = this.held.find(
        sourceKeyOf(provider, configuration),
        commitId,
      );
      if (held) return held;
      throw missing(provider, configuration, commitId);
    }
    if (directory === null) throw missing(provider, configuration, commitId);
    const read = readGitCommit(
      directory,
      commitId === undefined
        ? { branch: configuration.BranchName ?? 'main' }
        : { commitId },
    );
    if (read.found !== 'commit') {
      throw missing(provider, configuration, commitId);
    }
    return read.commit;
  }

  /** The git directory of `<owner>/<repo>`; undefined without a rule for the owner, null for a name that is no repository name. */
  private directoryOf(
    fullRepositoryId: string | undefined,
  ): string | null | undefined {
    const slash = fullRepositoryId?.indexOf('/') ?? -1;
    if (!fullRepositoryId || slash < 0) return undefined;
    const owner = fullRepositoryId.slice(0, slash);
    const rule = this.rules.find(r => r.owner === owner);
    if (!rule) return undefined;
    const repository = fullRepositoryId.slice(slash + 1);
    return REPOSITORY_NAME.test(repository)
      ? path.join(rule.directory, repository)
      : null;
  }
}

/**
 * The provider's failure for a source that is not there. The Git connection
 * text is AWS's for a repository or branch it cannot find; CodeCommit's is
 * AWS's for a repository it cannot read; the others are the sandbox's words.
 */
function missing(
  provider: string,
  configuration: Record<string, string>,
  commitId: string | undefined,
): ActionFailure {
  switch (provider) {
    case 'CodeStarSourceConnection':
      return new ActionFailure(
        commitId === undefined
          ? `[GitHub] No Branch [${
              configuration.BranchName ?? 'main'
            }] found for FullRepositoryName [${configuration.FullRepositoryId}]`
          : `[GitHub] No commit [${commitId}] found for FullRepositoryName [${configuration.FullRepositoryId}]`,
      );
    case 'CodeCommit':
      return new ActionFailure(
        commitId === undefined
          ? `Could not access the CodeCommit repository ${configuration.RepositoryName}. Make sure that the pipeline IAM role has sufficient permissions to access the repository.`
          : `Commit ${commitId} does not exist in the CodeCommit repository ${configuration.RepositoryName}.`,
      );
    case 'S3':
      return new ActionFailure(
        `The object ${configuration.S3ObjectKey} does not exist in the bucket ${configuration.S3Bucket}.`,
      );
    default:
      return new ActionFailure(
        `The sandbox holds no source for provider ${provider}`,
      );
  }
}

import type { SourceCommit } from '../model';
import type { ActionRunner } from './actionRunner';
import { pollTimed } from './actionRunner';
import { SOURCE_MS } from './ecrSource';
import { recordSourceRevision } from './sourceRevisions';

/**
 * CodeCommit, S3 or a Git connection (CodeStarSourceConnection): the branch
 * head, or the commit the execution pinned, with its files as the output
 * artifact and its id as the revision.
 */
export const repositorySource: ActionRunner = {
  start(run, env, at) {
    const provider = env.declaration.actionTypeId.provider;
    const config = env.declaration.configuration ?? {};
    const commit = env.sources.checkout(
      provider,
      config,
      env.execution.pinned?.[run.actionName]?.commitId,
    );
    for (const output of env.declaration.outputArtifacts ?? []) {
      env.execution.artifacts[output.name] = {
        revisionId: commit.commitId,
        files: commit.files,
      };
    }
    const summary = revisionSummary(provider, commit);
    run.outputVariables = sourceVariables(provider, config, commit);
    run.externalExecutionId = commit.commitId;
    run.externalExecutionSummary = summary ?? commit.commitId;
    run.summary = summary;
    recordSourceRevision(env.execution, {
      actionName: run.actionName,
      revisionId: commit.commitId,
      revisionSummary: summary,
    });
    run.nextAt = at + SOURCE_MS;
  },
  poll: (run, _env, now) => pollTimed(run, now),
};

/** A Git connection summarises a revision as JSON with its provider type, the others by the commit message. */
function revisionSummary(
  provider: string,
  commit: SourceCommit,
): string | undefined {
  if (commit.message === undefined) return undefined;
  return provider === 'CodeStarSourceConnection'
    ? JSON.stringify({ ProviderType: 'GitHub', CommitMessage: commit.message })
    : commit.message;
}

/** The output variables each provider documents (S3: the object's version). */
function sourceVariables(
  provider: string,
  config: Record<string, string>,
  commit: SourceCommit,
): Record<string, string> {
  if (provider === 'S3') return { VersionId: commit.commitId };
  const variables: Record<string, string> = {
    CommitId: commit.commitId,
    BranchName: config.BranchName ?? 'main',
  };
  if (commit.message !== undefined) variables.CommitMessage = commit.message;
  if (commit.authorDate !== undefined) {
    variables.AuthorDate = new Date(commit.authorDate).toISOString();
  }
  if (provider === 'CodeCommit') {
    variables.RepositoryName = config.RepositoryName;
  } else if (provider === 'CodeStarSourceConnection') {
    variables.FullRepositoryName = config.FullRepositoryId;
    variables.ConnectionArn = config.ConnectionArn;
  }
  return variables;
}

import type { ActionRunner } from './types';
import { fail, pollTimed } from './types';

/** Source actions take a few seconds to fetch their revision. */
const SOURCE_MS = 5_000;

/**
 * The key under which the sandbox keeps a non-ECR source's commits:
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

/**
 * ECR source: resolves the watched tag (or the digest the trigger pinned) to
 * an image and outputs it as the action's artifact and variables.
 */
export const ecrSource: ActionRunner = {
  start(run, env, at) {
    const config = env.declaration.configuration ?? {};
    const repositoryName = config.RepositoryName;
    const imageTag = config.ImageTag ?? 'latest';
    const pinned = env.execution.pinned?.[run.actionName];
    const candidates = [
      pinned?.repositoryArn,
      env.knownRepositoryArn(repositoryName),
      `arn:aws:ecr:${env.pipeline.region}:${env.pipeline.accountId}:repository/${repositoryName}`,
      `arn:aws:ecr:${env.world.defaults.region}:${env.world.defaults.accountId}:repository/${repositoryName}`,
    ].filter((a): a is string => Boolean(a));
    let found:
      | { repositoryArn: string; imageDigest: string; imageUri: string }
      | undefined;
    for (const repositoryArn of candidates) {
      const image = env.world.ecr.describeImage(repositoryArn, imageTag);
      if (image) {
        found = { repositoryArn, ...image };
        break;
      }
    }
    run.startTime = at;
    if (!found && !pinned?.imageDigest) {
      fail(
        run,
        at + SOURCE_MS,
        `The image tag '${imageTag}' does not exist in the repository '${repositoryName}'`,
      );
      return;
    }
    const imageDigest = pinned?.imageDigest ?? found!.imageDigest;
    const repositoryArn = found?.repositoryArn ?? candidates[0];
    const registryId = repositoryArn.split(':')[4];
    const region = repositoryArn.split(':')[3];
    const imageUri =
      found?.imageUri ??
      `${registryId}.dkr.ecr.${region}.amazonaws.com/${repositoryName}@${imageDigest}`;
    for (const output of env.declaration.outputArtifacts ?? []) {
      env.execution.artifacts[output.name] = {
        kind: 'image',
        repositoryName,
        repositoryArn,
        imageTag,
        imageDigest,
        imageUri,
        registryId,
      };
    }
    run.outputVariables = {
      ImageDigest: imageDigest,
      ImageTag: imageTag,
      ImageURI: imageUri,
      RegistryId: registryId,
      RepositoryName: repositoryName,
    };
    run.externalExecutionId = imageDigest;
    run.externalExecutionSummary = `Image ${repositoryName}:${imageTag}`;
    run.summary = `Image ${repositoryName}:${imageTag}`;
    upsertSourceRevision(env.execution, {
      actionName: run.actionName,
      revisionId: imageDigest,
      revisionSummary: `Image tag: ${imageTag}`,
    });
    run.nextAt = at + SOURCE_MS;
  },
  poll: (run, _env, now) => pollTimed(run, now),
};

/** CodeCommit, S3 or a Git connection: the latest commit of the sandbox's copy. */
export const fileSource: ActionRunner = {
  start(run, env, at) {
    const config = env.declaration.configuration ?? {};
    const key = sourceKeyOf(env.declaration.actionTypeId.provider, config);
    const pinned = env.execution.pinned?.[run.actionName]?.commitId;
    const commit = env.latestCommit(key);
    const commitId = pinned ?? commit.commitId;
    for (const output of env.declaration.outputArtifacts ?? []) {
      env.execution.artifacts[output.name] = {
        kind: 'files',
        sourceKey: key,
        commitId,
        files: commit.files,
      };
    }
    run.outputVariables = {
      CommitId: commitId,
      BranchName: config.BranchName ?? 'main',
      ...(commit.message ? { CommitMessage: commit.message } : {}),
    };
    run.externalExecutionId = commitId;
    run.externalExecutionSummary = commit.message ?? commitId;
    run.summary = commit.message;
    upsertSourceRevision(env.execution, {
      actionName: run.actionName,
      revisionId: commitId,
      revisionSummary: commit.message,
    });
    run.nextAt = at + SOURCE_MS;
  },
  poll: (run, _env, now) => pollTimed(run, now),
};

function upsertSourceRevision(
  execution: {
    sourceRevisions: {
      actionName: string;
      revisionId?: string;
      revisionSummary?: string;
    }[];
  },
  revision: {
    actionName: string;
    revisionId?: string;
    revisionSummary?: string;
  },
): void {
  const i = execution.sourceRevisions.findIndex(
    r => r.actionName === revision.actionName,
  );
  if (i >= 0) execution.sourceRevisions[i] = revision;
  else execution.sourceRevisions.push(revision);
}

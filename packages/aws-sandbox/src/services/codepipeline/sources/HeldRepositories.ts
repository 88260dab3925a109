import { createHash } from 'node:crypto';
import type { SourceCommit } from '../model';

/**
 * The repositories the sandbox holds itself, filled by `pushSourceCommit`
 * (the demo seed, tests): per source key (`sourceKeyOf`) its commits, oldest
 * first. Part of the state file.
 */
export class HeldRepositories {
  private readonly commits = new Map<string, SourceCommit[]>();

  push(
    sourceKey: string,
    commit: {
      files: Record<string, string>;
      message?: string;
      commitId?: string;
    },
    at: number,
  ): string {
    const list = this.commits.get(sourceKey) ?? [];
    const commitId =
      commit.commitId ??
      createHash('sha1')
        .update(`${sourceKey}:${list.length}:${JSON.stringify(commit.files)}`)
        .digest('hex');
    list.push({ commitId, message: commit.message, files: commit.files, at });
    this.commits.set(sourceKey, list);
    return commitId;
  }

  /** The latest commit, or the one with `commitId`; undefined when the sandbox holds none. */
  find(sourceKey: string, commitId?: string): SourceCommit | undefined {
    const list = this.commits.get(sourceKey) ?? [];
    return commitId === undefined
      ? list[list.length - 1]
      : list.find(c => c.commitId === commitId);
  }

  snapshot(): [string, SourceCommit[]][] {
    return [...this.commits.entries()];
  }

  restore(entries: [string, SourceCommit[]][] | undefined): void {
    this.commits.clear();
    for (const [k, v] of entries ?? []) this.commits.set(k, v);
  }
}

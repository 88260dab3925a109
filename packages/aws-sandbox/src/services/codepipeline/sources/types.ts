/** One commit of a source repository, as a source action outputs it. */
export interface SourceCommit {
  commitId: string;
  message?: string;
  /** the commit's author date (epoch ms), when the repository records one */
  authorDate?: number;
  /** path in the repository -> content */
  files: Record<string, string>;
  /** when the sandbox was given the commit (pushSourceCommit) */
  at: number;
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SourceCommit } from '../model';

/*
 * Reads one commit of a local git repository with the git command line, read
 * only (rev-parse, log, ls-tree, cat-file): what a Git connection's source
 * action downloads from the git host.
 */

/** What a read finds: the commit, or which part is missing. */
export type GitRead =
  | { found: 'commit'; commit: SourceCommit }
  | { found: 'no-repository' }
  | { found: 'no-revision' };

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const SYMLINK_MODE = '120000';

/**
 * The head of `branch`, or the commit `commitId`, of the repository whose
 * work tree (or bare repository) is `directory` itself; git does not look
 * for a repository in the directories above it.
 */
export function readGitCommit(
  directory: string,
  revision: { branch: string } | { commitId: string },
): GitRead {
  if (!isDirectory(directory)) return { found: 'no-repository' };
  const git = gitIn(directory);
  try {
    git(['rev-parse', '--git-dir']);
  } catch {
    return { found: 'no-repository' };
  }
  const ref = refOf(revision);
  if (!ref) return { found: 'no-revision' };
  let commitId: string;
  try {
    commitId = git([
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${ref}^{commit}`,
    ])
      .toString('utf8')
      .trim();
  } catch {
    return { found: 'no-revision' };
  }
  const [, authorDate, message] = git([
    'log',
    '-1',
    '--format=%H%x00%aI%x00%B',
    commitId,
    '--',
  ])
    .toString('utf8')
    .split('\0');
  const authorMs = Date.parse(authorDate);
  return {
    found: 'commit',
    commit: {
      commitId,
      message: message.trim(),
      authorDate: Number.isNaN(authorMs) ? undefined : authorMs,
      files: filesOf(git, commitId),
      at: Number.isNaN(authorMs) ? 0 : authorMs,
    },
  };
}

/** The branch's ref, or the commit id when it is one (never an option). */
function refOf(
  revision: { branch: string } | { commitId: string },
): string | undefined {
  if ('branch' in revision) return `refs/heads/${revision.branch}`;
  return /^[0-9a-f]{4,64}$/i.test(revision.commitId)
    ? revision.commitId
    : undefined;
}

type Git = (args: string[], input?: string) => Buffer;

function gitIn(directory: string): Git {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // GIT_DIR and friends from a calling git hook would point elsewhere
    if (!name.startsWith('GIT_')) env[name] = value;
  }
  env.GIT_CEILING_DIRECTORIES = path.dirname(directory);
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  return (args, input) =>
    execFileSync('git', ['--no-pager', ...args], {
      cwd: directory,
      env,
      input,
      maxBuffer: MAX_OUTPUT_BYTES,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
}

/** The commit's files (blobs; no symbolic links or submodules), path -> text. */
function filesOf(git: Git, commitId: string): Record<string, string> {
  const blobs: { path: string; object: string }[] = [];
  for (const entry of git(['ls-tree', '-r', '-z', '--full-tree', commitId])
    .toString('utf8')
    .split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, object] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && mode !== SYMLINK_MODE) {
      blobs.push({ path: entry.slice(tab + 1), object });
    }
  }
  if (blobs.length === 0) return {};
  const out = git(
    ['cat-file', '--batch'],
    `${blobs.map(b => b.object).join('\n')}\n`,
  );
  const files: Record<string, string> = {};
  let offset = 0;
  for (const blob of blobs) {
    // `<object> blob <size>\n<content>\n` per requested object
    const headerEnd = out.indexOf(0x0a, offset);
    const size = Number(
      out.subarray(offset, headerEnd).toString('utf8').split(' ')[2],
    );
    const start = headerEnd + 1;
    files[blob.path] = out.subarray(start, start + size).toString('utf8');
    offset = start + size + 1;
  }
  return files;
}

function isDirectory(directory: string): boolean {
  try {
    return fs.statSync(directory).isDirectory();
  } catch {
    return false;
  }
}

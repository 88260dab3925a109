import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/*
 * Test repositories: a git work tree in a directory, committed to as a
 * developer would (the sandbox itself only reads them).
 */

const git = (dir: string, ...args: string[]) =>
  execFileSync(
    'git',
    [
      '-c',
      'user.name=Test Author',
      '-c',
      'user.email=author@example.invalid',
      ...args,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  )
    .toString('utf8')
    .trim();

/**
 * Writes `files` (path -> content; `null` deletes the file) into the work
 * tree, creating the repository with `branch` first if need be, and commits
 * them. Returns the commit id.
 */
export function commitFiles(
  dir: string,
  files: Record<string, string | null>,
  message: string,
  branch = 'main',
): string {
  if (!fs.existsSync(path.join(dir, '.git'))) {
    fs.mkdirSync(dir, { recursive: true });
    git(dir, 'init', '--quiet', '--initial-branch', branch);
  }
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(dir, file);
    if (content === null) {
      fs.rmSync(target, { force: true });
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
  }
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

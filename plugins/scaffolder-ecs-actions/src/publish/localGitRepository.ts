import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { ServiceOwnership } from '../authz/ServiceAuthorizer';
import {
  localRepositoryComponent,
  repositoryStanding,
} from './infraRepositoryLocation';

const run = promisify(execFile);

async function git(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    'git',
    [
      '-c',
      'user.name=Backstage Scaffolder',
      '-c',
      'user.email=scaffolder@backstage.invalid',
      ...args,
    ],
    { cwd: dir },
  );
  return stdout;
}

/**
 * Writes files into a git repository in a local directory and commits them,
 * for the sandbox and demos: the catalog reads `catalog-info.yaml` from there
 * through a `file` location, without any git host. Publishing the same files
 * again commits nothing, so a re-run is harmless. A directory that holds
 * another component's repository (or anything that is not one of the suite's)
 * is refused.
 *
 * @returns the commit id and whether this call made a commit
 */
export async function publishToLocalGitRepository(opts: {
  directory: string;
  files: Record<string, string>;
  branch: string;
  commitMessage: string;
  /** Who publishes: the repository, if it exists already, must be theirs. */
  owner: Pick<ServiceOwnership, 'entityRef' | 'claims'>;
}): Promise<{ commitId: string; committed: boolean }> {
  const { directory, files, owner } = opts;
  const found = await localRepositoryComponent(directory);
  if (repositoryStanding(found, owner) === 'foreign') {
    throw new ConflictError(
      `repositoryName: ${directory} already exists and is not the infrastructure repository of ${owner.entityRef} for a team you are in`,
    );
  }
  await fs.mkdir(directory, { recursive: true });
  const isRepo = await fs
    .stat(path.join(directory, '.git'))
    .then(s => s.isDirectory())
    .catch(() => false);
  if (!isRepo)
    await git(directory, 'init', '--quiet', '--initial-branch', opts.branch);
  for (const [file, content] of Object.entries(files)) {
    const target = resolveSafeChildPath(directory, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content, 'utf8');
  }
  await git(directory, 'add', '--all');
  const changes = await git(directory, 'status', '--porcelain');
  if (changes.trim()) {
    await git(directory, 'commit', '--quiet', '-m', opts.commitMessage);
  }
  const commitId = (await git(directory, 'rev-parse', 'HEAD')).trim();
  return { commitId, committed: changes.trim().length > 0 };
}

import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import type { ServiceOwnership } from '../authz/ServiceAuthorizer';
import type { InfraRepositoryLocation } from './infraRepositoryLocation';
import { publishToLocalGitRepository } from './localGitRepository';
import { readWorkspaceFiles } from './workspaceFiles';

/**
 * Writes the rendered files into the workspace folder (what publish:github
 * publishes, and what a dry run shows), and, for the local target, commits
 * that whole folder into the repository: files an earlier step put there
 * (docs, runbooks) go along.
 *
 * @public
 */
export async function publishInfraRepository(
  ctx: {
    workspacePath: string;
    isDryRun?: boolean;
    logger: Pick<LoggerService, 'info'>;
    checkpoint<T extends JsonValue | void>(opts: {
      key: string;
      fn: () => Promise<T> | T;
    }): Promise<T>;
  },
  options: {
    files: Record<string, string>;
    sourcePath: string;
    location: InfraRepositoryLocation;
    branch: string;
    commitMessage: string;
    owner: Pick<ServiceOwnership, 'entityRef' | 'claims'>;
  },
): Promise<void> {
  const { location } = options;
  const workspaceDir = resolveSafeChildPath(
    ctx.workspacePath,
    options.sourcePath,
  );
  for (const [file, content] of Object.entries(options.files)) {
    const dest = resolveSafeChildPath(workspaceDir, file);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.writeFile(dest, content, 'utf8');
  }
  if (!location.localDir) {
    ctx.logger.info(
      `Rendered into ${options.sourcePath}/ for publish:github to ${location.repoUrl}`,
    );
    return;
  }
  const directory = location.localDir;
  const allFiles = await readWorkspaceFiles(workspaceDir);
  if (ctx.isDryRun) {
    ctx.logger.info(
      `Dry run: would publish ${
        Object.keys(allFiles).length
      } files to ${directory}`,
    );
    return;
  }
  const result = await ctx.checkpoint({
    key: `ecs.infra-repo.local.${directory}`,
    fn: () =>
      publishToLocalGitRepository({
        directory,
        files: allFiles,
        branch: options.branch,
        commitMessage: options.commitMessage,
        owner: options.owner,
      }),
  });
  ctx.logger.info(
    result.committed
      ? `Published ${directory} at ${result.commitId}`
      : `${directory} is up to date (${result.commitId})`,
  );
}

import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import yaml from 'yaml';
import type { InfraRepositoryTarget } from '../config/scaffolderConfig';
import { assertAwsName } from '../lib/names';

/**
 * Where a service's infrastructure repository lives, for the publishing step
 * and for the pipeline's source.
 *
 * @public
 */
export interface InfraRepositoryLocation {
  type: 'local' | 'github';
  repositoryName: string;
  /** `owner/repository`, as the pipeline's CodeConnections source names it. */
  fullRepositoryId: string;
  remoteUrl: string;
  /** `github`: `host?owner=..&repo=..` for publish:github. */
  repoUrl: string;
  /** `github`: the catalog-info.yaml URL for catalog:register. */
  catalogInfoUrl: string;
  /** `local`: the repository's directory, always inside the configured directory. */
  localDir?: string;
}

/** The default name of a component's infrastructure repository. @public */
export const defaultInfraRepositoryName = (name: string) => `${name}-infra`;

/**
 * Locates the repository from config and a validated name: one path segment
 * (no `/`, no leading dot), resolved inside the configured directory.
 *
 * @public
 */
export function locateInfraRepository(
  target: InfraRepositoryTarget,
  repositoryName: string,
): InfraRepositoryLocation {
  assertAwsName('gitRepository', 'repositoryName', repositoryName);
  if (target.type === 'github') {
    if (!target.owner) {
      throw new InputError(
        'ecsDeploy.scaffolder.infraRepository.owner is required for the github target',
      );
    }
    const remoteUrl = `https://${target.host}/${target.owner}/${repositoryName}`;
    return {
      type: 'github',
      repositoryName,
      fullRepositoryId: `${target.owner}/${repositoryName}`,
      remoteUrl,
      repoUrl: `${target.host}?owner=${encodeURIComponent(
        target.owner,
      )}&repo=${encodeURIComponent(repositoryName)}`,
      catalogInfoUrl: `${remoteUrl}/blob/${target.branch}/catalog-info.yaml`,
    };
  }
  if (!target.directory) {
    throw new InputError(
      'ecsDeploy.scaffolder.infraRepository.directory is required for the local target',
    );
  }
  const localDir = resolveSafeChildPath(
    path.resolve(target.directory),
    repositoryName,
  );
  return {
    type: 'local',
    repositoryName,
    fullRepositoryId: `${target.owner ?? 'local'}/${repositoryName}`,
    remoteUrl: localDir,
    repoUrl: '',
    catalogInfoUrl: '',
    localDir,
  };
}

/**
 * The component a local repository's catalog-info.yaml describes
 * (`component:<namespace>/<name>`), `null` when the directory does not exist.
 * A directory that is a symbolic link, or holds no readable catalog-info.yaml,
 * belongs to nobody the suite knows and is reported as `unknown`.
 *
 * @public
 */
export async function localRepositoryComponent(
  directory: string,
): Promise<string | null | 'unknown'> {
  const stat = await fs.lstat(directory).catch(() => undefined);
  if (!stat) return null;
  if (!stat.isDirectory() || stat.isSymbolicLink()) return 'unknown';
  const text = await fs
    .readFile(path.join(directory, 'catalog-info.yaml'), 'utf8')
    .catch(() => undefined);
  if (text === undefined) {
    const entries = await fs.readdir(directory);
    return entries.length === 0 ? null : 'unknown';
  }
  try {
    const doc = yaml.parse(text);
    const name = doc?.metadata?.name;
    if (typeof name !== 'string') return 'unknown';
    return stringifyEntityRef({
      kind: typeof doc.kind === 'string' ? doc.kind : 'Component',
      namespace: doc.metadata.namespace ?? 'default',
      name,
    });
  } catch {
    return 'unknown';
  }
}

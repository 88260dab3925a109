import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import yaml from 'yaml';
import type { Standing } from '../authz/adoption';
import type { ServiceOwnership } from '../authz/ServiceAuthorizer';
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
 * Whose a local repository is, as its catalog-info.yaml says: `null` when the
 * directory does not exist (or is empty), `unknown` when it is a symbolic
 * link, or holds no readable catalog-info.yaml.
 *
 * @public
 */
export type LocalRepositoryOwner =
  | { entityRef: string; ownerRef?: string }
  | null
  | 'unknown';

/** @public */
export async function localRepositoryComponent(
  directory: string,
): Promise<LocalRepositoryOwner> {
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
    const namespace = doc.metadata.namespace ?? 'default';
    const owner = doc.spec?.owner;
    return {
      entityRef: stringifyEntityRef({
        kind: typeof doc.kind === 'string' ? doc.kind : 'Component',
        namespace,
        name,
      }),
      ...(typeof owner === 'string'
        ? {
            ownerRef: stringifyEntityRef(
              parseEntityRef(owner, {
                defaultKind: 'group',
                defaultNamespace: namespace,
              }),
            ),
          }
        : {}),
    };
  } catch {
    return 'unknown';
  }
}

/**
 * A local repository stands as an AWS resource does: the caller may publish
 * into it only when it describes their component, owned by one of their teams.
 *
 * @public
 */
export function repositoryStanding(
  found: LocalRepositoryOwner | undefined,
  owner: Pick<ServiceOwnership, 'entityRef' | 'claims'>,
): Standing {
  if (found === null || found === undefined) return 'absent';
  if (found === 'unknown') return 'foreign';
  return found.entityRef === owner.entityRef.toLowerCase() &&
    (!found.ownerRef || owner.claims.includes(found.ownerRef))
    ? 'ours'
    : 'foreign';
}

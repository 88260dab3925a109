import {
  DeploymentStatus,
  DeploymentSummary,
  HistoryResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { ReadContext } from '../reads/ReadContext';
import { DEPLOYMENT_SYSTEMS, systemsOf } from '../systems/registry';
import { SourcePosition, decodeCursor, encodeCursor } from './cursor';
import { HistorySource } from './HistorySource';
import { mergeHistory } from './mergeHistory';

/** A history request as the API takes it. */
export interface HistoryOptions {
  environment?: string;
  status?: DeploymentStatus[];
  cursor?: string;
  limit: number;
}

/** A history request with its cursor decoded. */
export interface HistoryPageRequest {
  limit: number;
  statuses?: ReadonlySet<DeploymentStatus>;
  /** Fingerprint of the filters, which the next cursor is bound to. */
  filter: string;
  /** Where each stream stands, from the cursor. */
  positions: Record<string, SourcePosition>;
}

/** Fingerprint of the filters, so a cursor cannot be reused with others. */
export function historyFilterKey(options: HistoryOptions): string {
  return `${options.environment ?? '*'}|${[...new Set(options.status ?? [])]
    .sort()
    .join(',')}`;
}

/**
 * The request with its cursor decoded, once per request and before any AWS
 * call: a bad cursor is an InputError naming `cursor`.
 */
export function historyPageRequest(
  options: HistoryOptions,
): HistoryPageRequest {
  const filter = historyFilterKey(options);
  return {
    limit: options.limit,
    ...(options.status?.length ? { statuses: new Set(options.status) } : {}),
    filter,
    positions: options.cursor
      ? decodeCursor(options.cursor, filter).positions
      : {},
  };
}

/** A copy of an entry whose own fields and links can be set (see `readHistory`). */
function linkableCopy(item: DeploymentSummary): DeploymentSummary {
  return {
    ...item,
    links: { ...item.links },
    ...(item.deployments
      ? {
          deployments: item.deployments.map(d => ({
            ...d,
            links: { ...d.links },
          })),
        }
      : {}),
  };
}

/** The streams that make up an environment's history: one per system that applies. */
export function historySources(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): HistorySource[] {
  return systemsOf(loaded).map(s => s.historySource(ctx, loaded));
}

/**
 * One page of the merged timeline of the given environments, newest first,
 * one entry per release (see `mergeHistory`), with the links the systems
 * know between entries. The cursor keeps the
 * positions it was given for streams not read now (an environment left out
 * as unreadable), so they go on where they stopped.
 */
export async function readHistory(
  ctx: ReadContext,
  environments: LoadedEnvironment[],
  request: HistoryPageRequest,
  sourcesOf: typeof historySources = historySources,
): Promise<HistoryResponse> {
  const { statuses, positions } = request;
  const page = await mergeHistory({
    sources: environments.flatMap(l => sourcesOf(ctx, l)),
    positions,
    limit: request.limit,
    filter: item => !statuses || statuses.has(item.status),
  });
  // Summaries are shared with the cache (frozen): link copies. Linking
  // sets an entry's own fields and its links, so those are what is copied;
  // a deep copy of every page was the most expensive step of a history read.
  const items = page.items.map(linkableCopy);
  const envs = environments.map(l => l.env);
  // The deployments inside releases are linked like the entries.
  const all = [...items, ...items.flatMap(i => i.deployments ?? [])];
  for (const system of DEPLOYMENT_SYSTEMS) {
    await system.links?.history(ctx, envs, all);
  }
  return {
    items,
    ...(page.exhausted
      ? {}
      : {
          nextCursor: encodeCursor({
            filter: request.filter,
            positions: { ...positions, ...page.positions },
          }),
        }),
  };
}

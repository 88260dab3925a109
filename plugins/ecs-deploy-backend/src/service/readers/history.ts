import {
  DeploymentStatus,
  HistoryResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ReadContext } from '../aws/ReadContext';
import { LoadedEnvironment } from '../EnvironmentContext';
import { decodeCursor, encodeCursor } from '../history/cursor';
import { HistorySource } from '../history/HistorySource';
import { linkPipelines } from '../history/linkPipelines';
import { mergeHistory } from '../history/mergeHistory';
import {
  codeDeploySource,
  ecsSource,
  pipelineSource,
  taskSetSource,
} from '../history/sources';

/** The streams that make up an environment's history. */
export function historySources(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): HistorySource[] {
  const { env, service, codeDeploy } = loaded;
  const sources: HistorySource[] = [];
  if (env.pipeline) sources.push(pipelineSource(ctx, env));
  if (codeDeploy) sources.push(codeDeploySource(ctx, env, codeDeploy));
  if (service?.controller === 'ECS') {
    sources.push(ecsSource(ctx, env, service.controller));
  }
  if (service?.controller === 'EXTERNAL') {
    sources.push(taskSetSource(env, service));
  }
  return sources;
}

export interface HistoryOptions {
  environment?: string;
  status?: DeploymentStatus[];
  cursor?: string;
  limit: number;
}

/** Fingerprint of the filters, so a cursor cannot be reused with others. */
export function historyFilterKey(options: HistoryOptions): string {
  return `${options.environment ?? '*'}|${[...new Set(options.status ?? [])]
    .sort()
    .join(',')}`;
}

/**
 * Checks a cursor before any AWS call; throws InputError naming `cursor`.
 */
export function validateHistoryCursor(options: HistoryOptions): void {
  if (options.cursor) decodeCursor(options.cursor, historyFilterKey(options));
}

/**
 * One page of the merged timeline of the given environments, newest first.
 * The cursor keeps the positions it was given for streams not read now (an
 * environment left out as unreadable), so they go on where they stopped.
 */
export async function readHistory(
  ctx: ReadContext,
  environments: LoadedEnvironment[],
  options: HistoryOptions,
  sourcesOf: typeof historySources = historySources,
): Promise<HistoryResponse> {
  const statuses = options.status?.length
    ? new Set<DeploymentStatus>(options.status)
    : undefined;
  const filter = historyFilterKey(options);
  const positions = options.cursor
    ? decodeCursor(options.cursor, filter).positions
    : {};
  const sources = environments.flatMap(l => sourcesOf(ctx, l));
  const page = await mergeHistory({
    sources,
    positions,
    limit: options.limit,
    filter: item => !statuses || statuses.has(item.status),
  });
  // Summaries may be shared with the cache: link copies, not the originals.
  const items = structuredClone(page.items);
  await linkPipelines(
    ctx,
    environments.map(l => l.env),
    items,
  );
  return {
    items,
    ...(page.exhausted
      ? {}
      : {
          nextCursor: encodeCursor({
            filter,
            positions: { ...positions, ...page.positions },
          }),
        }),
  };
}

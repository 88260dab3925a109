import {
  HistoryResponse,
  UnreadableEnvironment,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { environmentError } from '../environments/environmentError';
import {
  EnvironmentLoader,
  LoadedEnvironment,
} from '../environments/EnvironmentLoader';
import { namingMissingResource } from '../environments/missingResource';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { ReadContext } from '../reads/ReadContext';
import { HistorySource } from './HistorySource';
import { HistoryPageRequest, historySources, readHistory } from './readHistory';

/** A history stream's failure, with the environment the stream belongs to. */
class StreamFailure extends Error {
  constructor(readonly env: ResolvedEnvironment, readonly reason: unknown) {
    super(`A history stream of ${env.name} failed`);
  }
}

function blamingEnvironment(
  source: HistorySource,
  env: ResolvedEnvironment,
): HistorySource {
  const blame = (reason: unknown): never => {
    throw new StreamFailure(env, reason);
  };
  const { holds, describeEntries } = source;
  return {
    key: source.key,
    environment: source.environment,
    list: token => source.list(token).catch(blame),
    describe: (token, ids) => source.describe(token, ids).catch(blame),
    ...(describeEntries
      ? { describeEntries: ids => describeEntries(ids).catch(blame) }
      : {}),
    ...(holds
      ? {
          holds: {
            heldBy: items => holds.heldBy(items).catch(blame),
            holderOf: items => holds.holderOf(items).catch(blame),
          },
        }
      : {}),
  };
}

const blamedSources = (ctx: ReadContext, loaded: LoadedEnvironment) =>
  historySources(ctx, loaded).map(s => blamingEnvironment(s, loaded.env));

/**
 * One page of the merged timeline of `envs`, like `readHistory`, leaving out
 * each environment that cannot be read (its service, or one of its history
 * streams, fails) and listing it in `unreadable` with why, so the others
 * still show. A stream that fails mid-merge takes its environment out and
 * the page is merged again from the same positions (reads still within
 * their TTL are not repeated). Only when none can be read does the request
 * fail, with the first environment's error; the full errors go to `log`.
 */
export async function readReadableHistory(
  ctx: ReadContext,
  loader: EnvironmentLoader,
  envs: ResolvedEnvironment[],
  request: HistoryPageRequest,
  log?: (env: ResolvedEnvironment, error: unknown) => void,
): Promise<HistoryResponse> {
  const loads = await Promise.allSettled(envs.map(env => loader.load(env)));
  const failures = new Map<ResolvedEnvironment, unknown>();
  let readable: LoadedEnvironment[] = [];
  loads.forEach((load, i) => {
    if (load.status === 'fulfilled') readable.push(load.value);
    else failures.set(envs[i], namingMissingResource(envs[i], load.reason));
  });

  let page: HistoryResponse | undefined;
  while (!page && (readable.length || !failures.size)) {
    try {
      page = await readHistory(ctx, readable, request, blamedSources);
    } catch (error) {
      if (!(error instanceof StreamFailure)) throw error;
      failures.set(error.env, namingMissingResource(error.env, error.reason));
      readable = readable.filter(l => l.env !== error.env);
    }
  }
  // Promotion order, as the environments were given.
  const failed = envs.filter(env => failures.has(env));
  if (!page) throw failures.get(failed[0]);

  const unreadable: UnreadableEnvironment[] = failed.map(env => {
    log?.(env, failures.get(env));
    return {
      environment: env.name,
      error: environmentError(failures.get(env)),
    };
  });
  return unreadable.length ? { ...page, unreadable } : page;
}

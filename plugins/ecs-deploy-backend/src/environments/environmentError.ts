import {
  EnvironmentError,
  EnvironmentOverview,
  EnvironmentTasks,
  EnvironmentTraffic,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { publicError } from '@ecs-deploy/plugin-ecs-deploy-node';
import { ResolvedEnvironment } from './ResolvedEnvironment';
import { ResourceNotFoundError, readNamingMissing } from './missingResource';

/**
 * An error as the one environment it concerns shows it, by the same rules as
 * the API's error bodies: a known kind with its own message and code,
 * anything unexpected with a generic one. A missing resource also says
 * which one and the annotation that names it.
 */
export function environmentError(error: unknown): EnvironmentError {
  const { name, message, code, statusCode } = publicError(
    error,
    'Reading this environment failed unexpectedly',
  );
  if (!(error instanceof ResourceNotFoundError)) {
    return { name, message, code, statusCode };
  }
  return {
    name,
    message,
    code,
    statusCode,
    resource: error.resource,
    ...(error.annotation ? { annotation: error.annotation } : {}),
  };
}

/**
 * The overview of an environment that could not be read: what its
 * annotations say, and why. Nothing here claims a state AWS did not report:
 * no controller, no strategy.
 */
export function unreadableOverview(
  env: ResolvedEnvironment,
  error: unknown,
): EnvironmentOverview {
  return {
    name: env.name,
    accountId: env.accountId,
    region: env.region,
    service: {
      name: env.service?.serviceName ?? '',
      cluster: env.service?.cluster ?? '',
      arn: env.service?.arn ?? '',
      status: 'UNKNOWN',
      runningCount: 0,
      desiredCount: 0,
      pendingCount: 0,
    },
    images: [],
    ...(env.codeDeploy ? { codeDeploy: env.codeDeploy } : {}),
    ...(env.pipeline ? { pipeline: { name: env.pipeline.name } } : {}),
    ...(env.ecrRepository
      ? { ecrRepository: { name: env.ecrRepository.name } }
      : {}),
    deploymentInProgress: false,
    waitingForAction: false,
    // Nothing was read that an action could be offered on.
    offers: [],
    error: environmentError(error),
  };
}

/** The traffic of an environment that could not be read: none, and why. */
export function unreadableTraffic(
  env: ResolvedEnvironment,
  error: unknown,
  observedAt: string,
): EnvironmentTraffic {
  return {
    environment: env.name,
    listeners: [],
    taskSets: [],
    observedAt,
    error: environmentError(error),
  };
}

/** The running tasks of an environment that could not be read: none, and why. */
export function unreadableTasks(
  env: ResolvedEnvironment,
  error: unknown,
  observedAt: string,
): EnvironmentTasks {
  return {
    environment: env.name,
    observedAt,
    tasks: [],
    error: environmentError(error),
  };
}

/**
 * Reads every environment in parallel. One that fails is reported in its
 * place (`unreadable`), so the others still show, and the full error goes to
 * `log` (the answer only says what the caller may see); only when none can
 * be read does the whole request fail, with the first error. Either way a
 * resource AWS does not know is named (`ResourceNotFoundError`).
 */
export async function eachEnvironment<T>(
  envs: ResolvedEnvironment[],
  read: (env: ResolvedEnvironment) => Promise<T>,
  unreadable: (env: ResolvedEnvironment, error: unknown) => T,
  log?: (env: ResolvedEnvironment, error: unknown) => void,
): Promise<T[]> {
  const settled = await Promise.allSettled(
    envs.map(env => readNamingMissing(env, () => read(env))),
  );
  const failed = settled.flatMap(s => (s.status === 'rejected' ? [s] : []));
  if (failed.length && failed.length === settled.length) {
    throw failed[0].reason;
  }
  return settled.map((s, i) => {
    if (s.status === 'fulfilled') return s.value;
    log?.(envs[i], s.reason);
    return unreadable(envs[i], s.reason);
  });
}

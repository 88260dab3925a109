import {
  CacheService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, isError, serializeError } from '@backstage/errors';
import {
  DeploymentDetail,
  EnvironmentsResponse,
  HistoryResponse,
  StoppedTasksResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { AwsClientFactory } from '@ecs-deploy/plugin-ecs-deploy-node';
import { readBackendSettings } from '../config';
import { ReadContext } from './aws/ReadContext';
import { loadEnvironment } from './EnvironmentContext';
import { ResolvedEnvironment } from './model';
import { ReadCache } from './cache/ReadCache';
import { readDeploymentDetail } from './readers/detail';
import { HistoryOptions, validateHistoryCursor } from './readers/history';
import { readNamingMissing } from './readers/missingResource';
import { readReadableHistory } from './readers/readableHistory';
import {
  eachEnvironment,
  unreadableOverview,
  unreadableTraffic,
} from './readers/environmentError';
import { readOverview } from './readers/overview';
import { readStoppedTasks } from './readers/stoppedTasks';
import { readTraffic } from './readers/traffic';
import { EnvironmentResolver } from './resolution/EnvironmentResolver';

/**
 * Reads deployments, traffic and tasks of an entity's environments. The
 * entity must already be loaded as the caller and authorized: this class
 * trusts it and resolves every AWS resource from it.
 */
export class EcsDeployReadService {
  static create(options: {
    config: RootConfigService;
    cache: CacheService;
    clients?: AwsClientFactory;
    logger?: LoggerService;
  }): EcsDeployReadService {
    const settings = readBackendSettings(options.config);
    const clients =
      options.clients ?? AwsClientFactory.fromConfig(options.config);
    const ctx: ReadContext = {
      clients,
      cache: new ReadCache(options.cache, {
        memoryEntries: settings.memoryEntries,
        staleIfErrorMs: settings.staleIfErrorMs,
      }),
      ttl: settings.ttl,
    };
    const resolver = new EnvironmentResolver(ctx, {
      discovery: settings.discovery,
      tagKeys: settings.tagKeys,
      defaultRegion: clients.defaultRegion,
    });
    return new EcsDeployReadService(ctx, resolver, options.logger);
  }

  constructor(
    readonly context: ReadContext,
    readonly resolver: EnvironmentResolver,
    private readonly logger?: LoggerService,
  ) {}

  /** The full error of an environment answered as unreadable. */
  private readonly logUnreadable = (env: ResolvedEnvironment, error: unknown) =>
    this.logger?.warn(
      `Environment ${env.name} could not be read: ${
        isError(error) ? error.message : String(error)
      }`,
      isError(error) ? { error: serializeError(error) } : undefined,
    );

  /** All environments of the entity, or the named one (InputError naming `environment` if unknown). */
  async environmentsOf(
    entity: Entity,
    environment?: string,
  ): Promise<ResolvedEnvironment[]> {
    const all = await this.resolver.resolve(entity);
    if (environment === undefined) return all;
    const env = all.find(e => e.name === environment);
    if (!env) {
      throw new InputError(
        `environment: '${environment}' is not an environment of ${stringifyEntityRef(
          entity,
        )} (${all.map(e => e.name).join(', ')})`,
      );
    }
    return [env];
  }

  /**
   * The overview of every environment. One environment that cannot be read
   * (its account throttles, denies, or lost the service) is reported in its
   * place with the error, so the others still show; only when none can be
   * read does the request fail, with the first error.
   */
  async environments(entity: Entity): Promise<EnvironmentsResponse> {
    const envs = await this.environmentsOf(entity);
    return {
      entityRef: stringifyEntityRef(entity),
      environments: await eachEnvironment(
        envs,
        async env =>
          readOverview(this.context, await loadEnvironment(this.context, env)),
        unreadableOverview,
        this.logUnreadable,
      ),
    };
  }

  /**
   * A page of the history; an environment that cannot be read is left out
   * and listed in `unreadable`, as in `environments`.
   */
  async history(
    entity: Entity,
    options: HistoryOptions,
  ): Promise<HistoryResponse> {
    validateHistoryCursor(options);
    return readReadableHistory(
      this.context,
      await this.environmentsOf(entity, options.environment),
      options,
      this.logUnreadable,
    );
  }

  async deployment(
    entity: Entity,
    environment: string,
    deploymentId: string,
  ): Promise<DeploymentDetail> {
    const [env] = await this.environmentsOf(entity, environment);
    return readNamingMissing(env, () =>
      readDeploymentDetail(
        this.context,
        env,
        loadEnvironment(this.context, env),
        deploymentId,
      ),
    );
  }

  /** Traffic of every environment; an unreadable one as in `environments`. */
  async traffic(
    entity: Entity,
    environment?: string,
  ): Promise<TrafficResponse> {
    const envs = await this.environmentsOf(entity, environment);
    return {
      environments: await eachEnvironment(
        envs,
        async env =>
          readTraffic(this.context, await loadEnvironment(this.context, env)),
        (env, error) =>
          unreadableTraffic(
            env,
            error,
            this.context.clients.clock.now().toISOString(),
          ),
        this.logUnreadable,
      ),
    };
  }

  async stoppedTasks(
    entity: Entity,
    environment: string,
  ): Promise<StoppedTasksResponse> {
    const [env] = await this.environmentsOf(entity, environment);
    return readNamingMissing(env, async () =>
      readStoppedTasks(this.context, await loadEnvironment(this.context, env)),
    );
  }
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isError, serializeError } from '@backstage/errors';
import {
  DeploymentDetail,
  EnvironmentOverview,
  EnvironmentsResponse,
  RunningTasksResponse,
  StoppedTasksResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  eachEnvironment,
  unreadableOverview,
  unreadableTasks,
  unreadableTraffic,
} from '../environments/environmentError';
import { EnvironmentLoader } from '../environments/EnvironmentLoader';
import { readNamingMissing } from '../environments/missingResource';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { promoteOffer } from '../promotion/promoteOffer';
import { withReleaseSource } from '../systems/taskSets/offers';
import { answerKeys, classOfOverviews, classOfTraffic } from './answers';
import { readDeploymentDetail } from './detail';
import { readOverview } from './overview';
import { ReadContext } from './ReadContext';
import { readRunningTasks } from './runningTasks';
import { readStoppedTasks } from './stoppedTasks';
import { readTraffic } from './traffic';

/** Logs the full error of an environment answered as unreadable. */
export function unreadableLogger(logger?: LoggerService) {
  return (env: ResolvedEnvironment, error: unknown) =>
    logger?.warn(
      `Environment ${env.name} could not be read: ${
        isError(error) ? error.message : String(error)
      }`,
      isError(error) ? { error: serializeError(error) } : undefined,
    );
}

/**
 * Reads deployments, traffic and tasks of an entity's environments. The
 * entity must already be loaded as the caller and authorized: this class
 * trusts it and resolves every AWS resource from it.
 */
export class EcsDeployReadService {
  private readonly logUnreadable: ReturnType<typeof unreadableLogger>;

  constructor(
    private readonly ctx: ReadContext,
    private readonly environments: EnvironmentLoader,
    logger?: LoggerService,
    /** Told of an entity whose reads show a deployment moving or waiting (the watcher follows it). */
    private readonly onLive?: (entityRef: string) => void,
  ) {
    this.logUnreadable = unreadableLogger(logger);
  }

  /**
   * The overview of every environment. One environment that cannot be read
   * (its account throttles, denies, or lost the service) is reported in its
   * place with the error, so the others still show; only when none can be
   * read does the request fail, with the first error. Each environment but
   * the last offers promoting what it runs to the next one. The answer is
   * cached whole (answers.ts) and comes back frozen.
   */
  async overviews(entity: Entity): Promise<EnvironmentsResponse> {
    const response = await this.ctx.cache.get(
      answerKeys.overviews(entity),
      () => this.readOverviews(entity),
      classOfOverviews,
    );
    const live = response.environments.some(
      e => e.deploymentInProgress || e.waitingForAction,
    );
    if (live) this.onLive?.(response.entityRef);
    return response;
  }

  private async readOverviews(entity: Entity): Promise<EnvironmentsResponse> {
    const envs = await this.environments.all(entity);
    const overviews = await eachEnvironment(
      envs,
      async env => readOverview(this.ctx, await this.environments.load(env)),
      unreadableOverview,
      this.logUnreadable,
    );
    return {
      entityRef: stringifyEntityRef(entity),
      environments: overviews.map((read, i): EnvironmentOverview => {
        const next = envs[i + 1];
        const overview = read.offers?.length
          ? {
              ...read,
              offers: withReleaseSource(read.offers, envs[i - 1]?.name),
            }
          : read;
        if (!next || overview.error) return overview;
        const promote = promoteOffer(
          { env: envs[i], overview },
          { env: next, overview: overviews[i + 1] },
        );
        return { ...overview, offers: [promote, ...overview.offers] };
      }),
    };
  }

  async deployment(
    entity: Entity,
    environment: string,
    deploymentId: string,
  ): Promise<DeploymentDetail> {
    const [env] = await this.environments.selected(entity, environment);
    return readNamingMissing(env, () =>
      readDeploymentDetail(
        this.ctx,
        env,
        this.environments.load(env),
        deploymentId,
      ),
    );
  }

  /**
   * Traffic of every environment; an unreadable one as in `overviews`. The
   * answer is cached whole, briefly (answers.ts), and comes back frozen.
   */
  async traffic(
    entity: Entity,
    environment?: string,
  ): Promise<TrafficResponse> {
    const envs = await this.environments.selected(entity, environment);
    const response = await this.ctx.cache.get(
      answerKeys.traffic(entity, environment),
      async (): Promise<TrafficResponse> => ({
        environments: await eachEnvironment(
          envs,
          async env => readTraffic(this.ctx, await this.environments.load(env)),
          (env, error) =>
            unreadableTraffic(env, error, this.ctx.aws.now().toISOString()),
          this.logUnreadable,
        ),
      }),
      classOfTraffic,
    );
    const shifting = response.environments.some(
      e => e.shift && e.shift.phase !== 'DONE',
    );
    if (shifting) this.onLive?.(stringifyEntityRef(entity));
    return response;
  }

  /** The running tasks of every environment, or of one; an unreadable one as in `overviews`. */
  async runningTasks(
    entity: Entity,
    environment?: string,
  ): Promise<RunningTasksResponse> {
    const envs = await this.environments.selected(entity, environment);
    return {
      environments: await eachEnvironment(
        envs,
        async env =>
          readRunningTasks(this.ctx, await this.environments.load(env)),
        (env, error) =>
          unreadableTasks(env, error, this.ctx.aws.now().toISOString()),
        this.logUnreadable,
      ),
    };
  }

  async stoppedTasks(
    entity: Entity,
    environment: string,
  ): Promise<StoppedTasksResponse> {
    const [env] = await this.environments.selected(entity, environment);
    return readNamingMissing(env, async () =>
      readStoppedTasks(this.ctx, await this.environments.load(env)),
    );
  }
}

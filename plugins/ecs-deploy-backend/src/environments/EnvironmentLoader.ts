import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { cacheKeys } from '../aws/cacheKeys';
import { deploymentsVersionOf, tasksVersionOf } from '../aws/serviceVersion';
import { ServiceState } from '../aws/state';
import { LIST_PAGE_SIZE } from '../history/HistorySource';
import { forgetAnswers } from '../reads/answers';
import { ReadContext } from '../reads/ReadContext';
import { codeDeployGroupFor } from './codeDeployGroup';
import { EnvironmentResolver } from './EnvironmentResolver';
import { ResolvedEnvironment } from './ResolvedEnvironment';

/** An environment with its service state and CodeDeploy group read. */
export interface LoadedEnvironment {
  env: ResolvedEnvironment;
  service?: ServiceState;
  codeDeploy?: { application: string; deploymentGroup: string };
}

/**
 * An entity's environments: resolved from the entity (annotations, tags),
 * picked by name, and loaded (service state, CodeDeploy group). The entity
 * must already be loaded as the caller and authorized.
 */
export class EnvironmentLoader {
  constructor(
    private readonly ctx: ReadContext,
    private readonly resolver: EnvironmentResolver,
  ) {}

  /** Every environment of the entity, in promotion order. */
  all(entity: Entity): Promise<ResolvedEnvironment[]> {
    return this.resolver.resolve(entity);
  }

  /**
   * The named environments, checked by name before anything is loaded (an
   * InputError naming the field), so a wrong name costs no AWS call.
   */
  async named(
    entity: Entity,
    names: Array<[field: string, name: string]>,
  ): Promise<ResolvedEnvironment[]> {
    const all = await this.all(entity);
    return names.map(([field, name]) => {
      const env = all.find(e => e.name === name);
      if (!env) {
        throw new InputError(
          `Invalid request: ${field}: '${name}' is not an environment of ${stringifyEntityRef(
            entity,
          )} (${all.map(e => e.name).join(', ')})`,
        );
      }
      return env;
    });
  }

  /** All environments, or only the one named by the `environment` field. */
  async selected(
    entity: Entity,
    environment?: string,
  ): Promise<ResolvedEnvironment[]> {
    return environment === undefined
      ? this.all(entity)
      : this.named(entity, [['environment', environment]]);
  }

  /** What every reader needs about an environment (1-2 cached calls). */
  async load(env: ResolvedEnvironment): Promise<LoadedEnvironment> {
    const service = env.service
      ? await this.ctx.aws.ecs.service(env.service)
      : undefined;
    const codeDeploy = await codeDeployGroupFor(this.ctx, env, service);
    return { env, service, ...(codeDeploy ? { codeDeploy } : {}) };
  }

  /**
   * The environment with its service read from ECS now, bypassing the cache
   * and its stale-if-error answers: an action deciding on what runs must not
   * decide on what ran up to a cache lifetime ago.
   */
  async withServiceNow(loaded: LoadedEnvironment): Promise<LoadedEnvironment> {
    const svc = loaded.env.service;
    if (!svc) return loaded;
    return { ...loaded, service: await this.ctx.aws.ecs.serviceNow(svc) };
  }

  /**
   * Forgets what shows the environment at rest (CacheClass `idle`: the
   * service and its tasks, the newest deployments and executions, the
   * pipeline's state and the head of its action index),
   * here and in the shared cache: the portal acted on it, and what it
   * started must show at the next read, not at the end of a long lifetime.
   */
  async forgetState(env: ResolvedEnvironment): Promise<void> {
    const where = { accountId: env.accountId, region: env.region };
    const keys: string[] = [];
    // What is kept under the service state's version, for the state as
    // cached (what the portal started may not show in the service yet).
    const cached = env.service
      ? await this.ctx.cache.peek<ServiceState>(
          cacheKeys.ecsService(env.service.arn),
        )
      : undefined;
    const versions = cached
      ? [undefined, deploymentsVersionOf(cached)]
      : [undefined];
    if (env.service) {
      const arn = env.service.arn;
      keys.push(
        cacheKeys.ecsService(arn),
        cacheKeys.ecsRunningTasks(arn, env.name),
        ...(cached
          ? [cacheKeys.ecsRunningTasks(arn, env.name, tasksVersionOf(cached))]
          : []),
        ...versions.map(version =>
          cacheKeys.ecsServiceDeploymentPage(
            arn,
            LIST_PAGE_SIZE,
            undefined,
            version,
          ),
        ),
      );
    }
    const group =
      env.codeDeploy ??
      (await this.load(env).catch(() => undefined))?.codeDeploy;
    if (group) {
      keys.push(
        ...versions.map(version =>
          cacheKeys.codeDeployDeploymentPage(
            where,
            group.application,
            group.deploymentGroup,
            undefined,
            version,
          ),
        ),
      );
    }
    if (env.pipeline) {
      keys.push(
        cacheKeys.pipelineState(env.pipeline.arn),
        cacheKeys.pipelinePage(env.pipeline.arn, env.name, undefined),
        cacheKeys.pipelineActionIndex(env.pipeline.arn),
      );
    }
    await Promise.all(keys.map(key => this.ctx.cache.forget(key)));
  }

  /** Forgets the entity's whole answers that show these environments (reads/answers.ts). */
  forgetAnswers(entity: Entity, environments: string[]): Promise<void> {
    return forgetAnswers(this.ctx.cache, entity, environments);
  }
}

import { Entity } from '@backstage/catalog-model';
import {
  DeliveryFact,
  DeliveryMetricsResponse,
  OwnerDeliveryMetricsResponse,
  OwnerMetricsEntity,
  UnreadableEnvironment,
  deliveryMetricsOfFacts,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { environmentError } from '../environments/environmentError';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { HistoryService } from '../history/HistoryService';
import { EnvironmentFacts } from './EnvironmentFacts';
import { yieldToEventLoop } from './yieldToEventLoop';

/** The window and environment asked for. */
export interface MetricsQuery {
  windowDays: number;
  environment?: string;
}

/** An entity loaded as the caller and authorized for the read permission. */
export interface ReadableEntity {
  entity: Entity;
  entityRef: string;
}

/** Entities read at once for an owner: a team's metrics must not crowd out viewers' AWS calls. */
const OWNER_CONCURRENCY = 4;

interface EntityFacts {
  facts: DeliveryFact[];
  unreadable: UnreadableEnvironment[];
  /** Set when no environment could be read: the first one's error. */
  failure?: unknown;
}

/**
 * Delivery metrics computed on the backend from the facts of every
 * deployment in the window (EnvironmentFacts.ts keeps them), for one entity
 * or for the entities of an owner taken together, with the computation the
 * frontend would run (`@ecs-deploy/plugin-ecs-deploy-common`).
 */
export class DeliveryMetricsService {
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      history: Pick<HistoryService, 'environmentsOf'>;
      facts: Pick<EnvironmentFacts, 'of'>;
      now?: () => number;
    },
  ) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * The metrics of one entity. An environment that cannot be read is
   * listed in `unreadable`; when none can, the request fails with the first
   * one's error, as the history does.
   */
  async ofEntity(
    { entity, entityRef }: ReadableEntity,
    query: MetricsQuery,
  ): Promise<DeliveryMetricsResponse> {
    const envs = await this.deps.history.environmentsOf(
      entity,
      query.environment,
    );
    const read = await this.readEnvironments(entity, entityRef, envs);
    if (read.failure) throw read.failure;
    return {
      entityRef,
      ...(await this.compute(read.facts, query)),
      ...(read.unreadable.length ? { unreadable: read.unreadable } : {}),
    };
  }

  /**
   * The metrics of several entities' deployments taken together (a failure
   * is restored by the next success of its own entity). An entity that
   * cannot be read at all is listed with its error and not counted.
   */
  async ofEntities(
    owner: string,
    entities: ReadableEntity[],
    query: MetricsQuery & { limit: number; truncated: boolean },
  ): Promise<OwnerDeliveryMetricsResponse> {
    const facts: DeliveryFact[] = [];
    const counted: OwnerMetricsEntity[] = [];
    for (let i = 0; i < entities.length; i += OWNER_CONCURRENCY) {
      const batch = entities.slice(i, i + OWNER_CONCURRENCY);
      const reads = await Promise.all(
        batch.map(e => this.readOwned(e, query.environment)),
      );
      reads.forEach((read, j) => {
        const { entityRef } = batch[j];
        if (read.failure) {
          counted.push({ entityRef, error: environmentError(read.failure) });
          return;
        }
        for (const f of read.facts) facts.push({ ...f, service: entityRef });
        counted.push({
          entityRef,
          ...(read.unreadable.length ? { unreadable: read.unreadable } : {}),
        });
      });
      await yieldToEventLoop();
    }
    return {
      owner,
      ...(await this.compute(facts, query)),
      entities: counted,
      limit: query.limit,
      truncated: query.truncated,
    };
  }

  private async readOwned(
    { entity, entityRef }: ReadableEntity,
    environment: string | undefined,
  ): Promise<EntityFacts> {
    try {
      const envs = (await this.deps.history.environmentsOf(entity)).filter(
        env => environment === undefined || env.name === environment,
      );
      return await this.readEnvironments(entity, entityRef, envs);
    } catch (error) {
      return { facts: [], unreadable: [], failure: error };
    }
  }

  private async readEnvironments(
    entity: Entity,
    entityRef: string,
    envs: ResolvedEnvironment[],
  ): Promise<EntityFacts> {
    const reads = await Promise.allSettled(
      envs.map(env => this.deps.facts.of(entity, entityRef, env)),
    );
    const facts: DeliveryFact[] = [];
    const unreadable: UnreadableEnvironment[] = [];
    let failure: unknown;
    reads.forEach((read, i) => {
      if (read.status === 'fulfilled') {
        for (const f of read.value) facts.push(f);
        return;
      }
      failure ??= read.reason;
      unreadable.push({
        environment: envs[i].name,
        error: environmentError(read.reason),
      });
    });
    return unreadable.length === envs.length && envs.length
      ? { facts, unreadable, failure }
      : { facts, unreadable };
  }

  /** The computation itself, one slice of about a millisecond per thousand deployments in the window. */
  private async compute(facts: DeliveryFact[], query: MetricsQuery) {
    await yieldToEventLoop();
    const now = this.now();
    const { windowDays, environment } = query;
    return {
      windowDays,
      ...(environment !== undefined ? { environment } : {}),
      asOf: new Date(now).toISOString(),
      metrics: deliveryMetricsOfFacts(facts, { now, windowDays, environment }),
    };
  }
}

/** The metrics of the history's entities, their facts kept in the history's cache. */
export function deliveryMetricsOf(
  history: HistoryService,
): DeliveryMetricsService {
  return new DeliveryMetricsService({
    history,
    facts: new EnvironmentFacts({ history, cache: history.cache }),
  });
}

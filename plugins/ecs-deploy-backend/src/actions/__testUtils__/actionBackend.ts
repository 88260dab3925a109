import {
  AuditorServiceEvent,
  SchedulerServiceTaskInvocationDefinition,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunningSandbox } from '@ecs-deploy/aws-sandbox';
import { Knex } from 'knex';
import { ecsDeployPlugin } from '../../plugin';
import { sandboxConfig } from '../../__testUtils__/sandboxFleet';

export type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** An audit event as the recording auditor saw it. */
export interface RecordedAudit {
  eventId: string;
  meta?: Record<string, unknown>;
  outcome?: 'success' | 'fail';
  error?: Error;
}

/**
 * The plugin against a sandbox, with a catalog of `entities`, read caches
 * off (these tests move the sandbox clock), an auditor that records, and a
 * scheduler that runs a task only when the test says so (`runTask`).
 */
export async function startActionBackend(
  sb: RunningSandbox,
  entities: Entity[],
  options: {
    permissions?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** A database shared with other backends (replicas); default in-memory SQLite. */
    knex?: Knex;
    /** Keep the read caches at their configured lifetimes. */
    cached?: boolean;
    /** `ecsDeploy.actions.leaseSeconds` */
    leaseSeconds?: number;
    /** `ecsDeploy.actions.releaseSteadySeconds` */
    releaseSteadySeconds?: number;
    /** More of `ecsDeploy` (`watch`, `notifications`). */
    ecsDeploy?: Record<string, unknown>;
    /** More root config (`backend.cache` for a shared Redis). */
    rootConfig?: Record<string, unknown>;
    /** More services, such as recording signals and notifications. */
    services?: ServiceFactory[];
    /**
     * Backstage's own scheduler (global tasks locked in the database) instead
     * of one that runs a task only on `runTask`.
     */
    realScheduler?: boolean;
  } = {},
) {
  const audits: RecordedAudit[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async ({ eventId, meta }) => {
      const event: RecordedAudit = { eventId, meta: { ...meta } };
      audits.push(event);
      const recorded: AuditorServiceEvent = {
        async success(o) {
          event.outcome = 'success';
          Object.assign(event.meta!, o?.meta);
        },
        async fail(o) {
          event.outcome = 'fail';
          event.error = o.error;
        },
      };
      return recorded;
    }),
  });
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async task => {
      tasks.set(task.id, task);
    }),
  });
  const config = sandboxConfig(sb);
  const backend = await startTestBackend({
    features: [
      ecsDeployPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...config,
          ...options.rootConfig,
          ecsDeploy: {
            ...config.ecsDeploy,
            ...(options.cached
              ? {}
              : { cache: { activeTtlSeconds: 0, listTtlSeconds: 0 } }),
            actions: {
              ...(options.leaseSeconds !== undefined
                ? { leaseSeconds: options.leaseSeconds }
                : {}),
              ...(options.releaseSteadySeconds !== undefined
                ? { releaseSteadySeconds: options.releaseSteadySeconds }
                : {}),
            },
            ...options.ecsDeploy,
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.factory({
        result: options.permissions ?? AuthorizeResult.ALLOW,
      }),
      auditor.factory,
      options.realScheduler ? schedulerServiceFactory : scheduler.factory,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.services ?? []),
    ],
  });
  /** Runs a scheduled task once, as the scheduler would. */
  const runTask = async (id: string) => {
    const task = tasks.get(id);
    if (!task) throw new Error(`No task ${id} was scheduled`);
    await task.fn(new AbortController().signal);
  };
  return { backend, audits, runTask };
}

export const api = (name: string, path: string) =>
  `/api/ecs-deploy/entities/component/default/${name}${path}`;

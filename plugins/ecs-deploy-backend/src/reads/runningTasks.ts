import { Task } from '@aws-sdk/client-ecs';
import {
  DeploymentSummary,
  EnvironmentTasks,
  RunningTask,
  TaskHealthStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../aws/cacheKeys';
import { tasksVersionOf } from '../aws/serviceVersion';
import { ServiceState } from '../aws/state';
import { CacheClass } from '../cache/ClassedCache';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { historyPageRequest, readHistory } from '../history/readHistory';
import { taskBasics } from '../mapping/task';
import { iso } from '../mapping/time';
import { ReadContext } from './ReadContext';
import { deploymentOfTask } from './taskDeployments';

/**
 * How far back the history is read to name the deployment of each task:
 * enough for the one under way, the one it replaces and a few rollbacks.
 * The summaries are the history's own cached ones.
 */
const HISTORY_DEPTH = 10;

const HEALTH: ReadonlySet<string> = new Set(['HEALTHY', 'UNHEALTHY']);

function healthOf(task: Task): TaskHealthStatus {
  const status = task.healthStatus ?? 'UNKNOWN';
  return HEALTH.has(status) ? (status as TaskHealthStatus) : 'UNKNOWN';
}

/**
 * Short while the service moves (a deployment or task set beside the
 * primary, tasks starting or stopping, two revisions running), as the
 * overview and traffic reads are. Settled and healthy, they change with the
 * service (a deployment, a task replaced or scaled): kept under the
 * service state's version (`settled`), else as the service state at rest
 * is (`idle`). An unhealthy task is about to be replaced: a list's lifetime.
 */
export function tasksCacheClass(
  service: ServiceState | undefined,
  tasks: RunningTask[],
): CacheClass {
  const moving =
    (service?.deployments.length ?? 0) > 1 ||
    (service?.taskSets.length ?? 0) > 1 ||
    tasks.some(
      t => t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING',
    ) ||
    new Set(tasks.map(t => t.taskDefinition?.arn)).size > 1;
  if (moving) return 'active';
  if (tasks.some(t => t.healthStatus === 'UNHEALTHY')) return 'list';
  return service ? 'settled' : 'idle';
}

/** The recent history of the environment, or none when it cannot be read. */
async function recentHistory(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<DeploymentSummary[]> {
  try {
    const page = await readHistory(
      ctx,
      [loaded],
      historyPageRequest({
        environment: loaded.env.name,
        limit: HISTORY_DEPTH,
      }),
    );
    return page.items;
  } catch {
    // The tasks still show, without the deployment each belongs to.
    return [];
  }
}

/**
 * The tasks ECS wants running for an environment's service, with the
 * deployment each belongs to, oldest first. One ListTasks (all pages) and
 * DescribeTasks per lifetime however many ask: the answer is cached whole,
 * and concurrent misses share one read.
 */
export async function readRunningTasks(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<EnvironmentTasks> {
  const { env, service } = loaded;
  const observedAt = ctx.aws.now().toISOString();
  if (!env.service) return { environment: env.name, observedAt, tasks: [] };
  const ref = env.service;
  return ctx.cache.get(
    cacheKeys.ecsRunningTasks(
      ref.arn,
      env.name,
      service && tasksVersionOf(service),
    ),
    async (): Promise<EnvironmentTasks> => {
      const [tasks, history] = await Promise.all([
        ctx.aws.ecs.runningTasks(ref),
        recentHistory(ctx, loaded),
      ]);
      return {
        environment: env.name,
        observedAt: ctx.aws.now().toISOString(),
        tasks: tasks
          .map((t): RunningTask => {
            const basics = taskBasics(t);
            const createdAt = iso(t.createdAt);
            const deploymentId = deploymentOfTask(
              {
                startedBy: t.startedBy,
                taskDefinitionArn: t.taskDefinitionArn,
                createdAt,
                deploymentId: basics.deploymentId,
              },
              service,
              history,
            );
            return {
              ...basics,
              lastStatus: t.lastStatus ?? 'UNKNOWN',
              desiredStatus: t.desiredStatus ?? 'UNKNOWN',
              healthStatus: healthOf(t),
              ...(createdAt ? { createdAt } : {}),
              ...(deploymentId ? { deploymentId } : {}),
              ...(t.availabilityZone
                ? { availabilityZone: t.availabilityZone }
                : {}),
            };
          })
          .sort(
            (a, b) =>
              (a.createdAt ?? '').localeCompare(b.createdAt ?? '') ||
              a.taskId.localeCompare(b.taskId),
          ),
      };
    },
    value => tasksCacheClass(service, value.tasks),
  );
}

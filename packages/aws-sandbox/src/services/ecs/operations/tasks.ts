import { ecsTaskArn } from '../../../core/arns';
import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import { paginate } from '../../../core/pagination';
import type { OperationHandler } from '../../../core/types';
import {
  optionalNumber,
  optionalString,
  requireArray,
  requireString,
} from '../../../core/validate';
import type { EcsStore } from '../EcsStore';
import type { TaskRecord } from '../model';
import { nameOf } from '../references';
import { renderTask } from '../render';
import { INVALID, includes } from './common';

/**
 * ECS sets a task's desired status to RUNNING or STOPPED only: PENDING is a
 * valid filter that matches nothing (a pending task's lastStatus is PENDING).
 */
function matchesDesiredStatus(task: TaskRecord, desiredStatus: string) {
  if (desiredStatus === 'PENDING') return false;
  return task.desiredStatus === desiredStatus;
}

/** The filters `startedBy` may not be combined with (AWS: it must be the only one). */
const OTHER_FILTERS = [
  'serviceName',
  'family',
  'containerInstance',
  'launchType',
];

export function taskOperations(
  store: EcsStore,
): Record<string, OperationHandler> {
  return {
    ListTasks(input, ctx) {
      const cluster = store.cluster(
        optionalString(input, 'cluster', INVALID),
        callerScope(ctx),
      );
      const serviceName = optionalString(input, 'serviceName', INVALID);
      const family = optionalString(input, 'family', INVALID);
      const startedBy = optionalString(input, 'startedBy', INVALID);
      const desiredStatus =
        optionalString(input, 'desiredStatus', INVALID) ?? 'RUNNING';
      if (!['RUNNING', 'PENDING', 'STOPPED'].includes(desiredStatus)) {
        throw new AwsError(INVALID, `Invalid desiredStatus ${desiredStatus}.`);
      }
      if (startedBy !== undefined) {
        const other = OTHER_FILTERS.find(f => input[f] !== undefined);
        if (other) {
          throw new AwsError(
            INVALID,
            `startedBy must be the only filter; ${other} was given too.`,
          );
        }
      }
      const maxResults = optionalNumber(input, 'maxResults', INVALID);
      if (maxResults !== undefined && (maxResults < 1 || maxResults > 100)) {
        throw new AwsError(INVALID, 'maxResults must be between 1 and 100.');
      }
      if (serviceName) {
        // AWS checks the service exists when asked for its tasks.
        store.service(cluster.arn, serviceName, callerScope(ctx));
      }
      const arns = [...store.tasks.values()]
        .filter(
          t =>
            t.clusterArn === cluster.arn &&
            (!serviceName || t.group === `service:${nameOf(serviceName)}`) &&
            (!family ||
              store.taskDefinitions.get(t.taskDefinitionArn)?.family ===
                family) &&
            (!startedBy || t.startedBy === startedBy) &&
            matchesDesiredStatus(t, desiredStatus),
        )
        .sort((a, b) => a.createdAt - b.createdAt)
        .map(t => t.arn);
      const { page, nextToken } = paginate(arns, {
        nextToken: optionalString(input, 'nextToken', INVALID),
        maxResults,
        defaultMaxResults: 100,
        invalidTokenCode: INVALID,
      });
      return { taskArns: page, nextToken };
    },

    DescribeTasks(input, ctx) {
      const refs = requireArray<string>(input, 'tasks', INVALID);
      if (refs.length > 100)
        throw new AwsError(INVALID, 'tasks can have at most 100 items.');
      const cluster = store.cluster(
        optionalString(input, 'cluster', INVALID),
        callerScope(ctx),
      );
      const scope = { accountId: cluster.accountId, region: cluster.region };
      const tasks = [];
      const failures = [];
      for (const ref of refs) {
        const arn = ref.startsWith('arn:')
          ? ref
          : ecsTaskArn(scope, cluster.name, ref);
        const found = store.tasks.get(arn);
        if (found && found.clusterArn === cluster.arn) {
          tasks.push(renderTask(store, found, includes(input, 'TAGS')));
        } else {
          failures.push({ arn, reason: 'MISSING' });
        }
      }
      return { tasks, failures };
    },

    StopTask(input, ctx) {
      const cluster = store.cluster(
        optionalString(input, 'cluster', INVALID),
        callerScope(ctx),
      );
      const ref = requireString(input, 'task', INVALID);
      const arn = ref.startsWith('arn:')
        ? ref
        : ecsTaskArn(
            { accountId: cluster.accountId, region: cluster.region },
            cluster.name,
            ref,
          );
      const task = store.tasks.get(arn);
      if (!task)
        throw new AwsError(INVALID, 'The referenced task was not found.');
      store.stopTask(
        task,
        optionalString(input, 'reason', INVALID) ?? 'Task stopped by user',
        'UserInitiated',
        task.lastStatus === 'RUNNING' ? 143 : undefined,
      );
      return { task: renderTask(store, task, false) };
    },
  };
}

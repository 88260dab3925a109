import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import type { OperationHandler, RequestContext } from '../../../core/types';
import {
  optionalArray,
  optionalNumber,
  optionalString,
  requireString,
} from '../../../core/validate';
import type { EcsStore } from '../EcsStore';
import type {
  LoadBalancerRecord,
  ServiceRecord,
  TaskSetRecord,
} from '../model';
import { nameOf } from '../references';
import { renderTaskSet } from '../render';
import {
  clampScale,
  createTaskSetRecord,
  deleteTaskSetRecord,
  setPrimary,
} from '../taskSets';
import { INVALID, ecsTagsInput, includes } from './common';

function findTaskSet(
  store: EcsStore,
  service: ServiceRecord,
  ref: string,
): TaskSetRecord {
  const id = ref.startsWith('arn:') ? ref : undefined;
  for (const arn of service.taskSetArns) {
    const ts = store.taskSets.get(arn);
    if (
      ts &&
      (ts.arn === id || ts.id === ref || nameOf(ts.arn) === nameOf(ref))
    )
      return ts;
  }
  throw new AwsError(
    'TaskSetNotFoundException',
    'The specified task set does not exist.',
  );
}

function externalService(
  store: EcsStore,
  input: Record<string, unknown>,
  ctx: RequestContext,
): ServiceRecord {
  const service = store.service(
    requireString(input, 'cluster', INVALID),
    requireString(input, 'service', INVALID),
    callerScope(ctx),
  );
  if (service.controller !== 'EXTERNAL') {
    throw new AwsError(
      INVALID,
      'Amazon ECS only supports task set management on services configured to use external deployment controllers.',
    );
  }
  return service;
}

export function taskSetOperations(
  store: EcsStore,
): Record<string, OperationHandler> {
  return {
    CreateTaskSet(input, ctx) {
      const service = externalService(store, input, ctx);
      const clientToken = optionalString(input, 'clientToken', INVALID);
      // A repeat of a request ECS took answers with what it created then.
      const repeated = clientToken
        ? service.taskSetArns
            .map(arn => store.taskSets.get(arn))
            .find(t => t?.clientToken === clientToken)
        : undefined;
      if (repeated) {
        return { taskSet: renderTaskSet(store, repeated, true) };
      }
      const td = store.taskDefinition(
        requireString(input, 'taskDefinition', INVALID),
        { accountId: service.accountId, region: service.region },
      );
      if (td.document.networkMode === 'awsvpc' && !input.networkConfiguration) {
        throw new AwsError(
          INVALID,
          "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
        );
      }
      const taskSet = createTaskSetRecord(store, service, {
        taskDefinition: td.arn,
        loadBalancers: (
          optionalArray<LoadBalancerRecord>(input, 'loadBalancers', INVALID) ??
          []
        ).map(lb => ({ ...lb })),
        scalePercent: optionalNumber(input.scale, 'value', INVALID) ?? 100,
        externalId: optionalString(input, 'externalId', INVALID),
        startedBy: optionalString(input, 'externalId', INVALID),
        launchType: optionalString(input, 'launchType', INVALID),
        networkConfiguration: input.networkConfiguration,
        clientToken,
      });
      store.world.tags.tag(taskSet.arn, ecsTagsInput(input.tags));
      // The first task set of a service is its primary.
      if (service.taskSetArns.length === 1) setPrimary(store, taskSet);
      return { taskSet: renderTaskSet(store, taskSet, true) };
    },

    DescribeTaskSets(input, ctx) {
      const service = store.service(
        requireString(input, 'cluster', INVALID),
        requireString(input, 'service', INVALID),
        callerScope(ctx),
      );
      const refs = optionalArray<string>(input, 'taskSets', INVALID);
      const withTags = includes(input, 'TAGS');
      if (!refs) {
        return {
          taskSets: service.taskSetArns
            .map(arn => store.taskSets.get(arn))
            .filter((t): t is TaskSetRecord => !!t)
            .map(t => renderTaskSet(store, t, withTags)),
          failures: [],
        };
      }
      const taskSets = [];
      const failures = [];
      for (const ref of refs) {
        try {
          taskSets.push(
            renderTaskSet(store, findTaskSet(store, service, ref), withTags),
          );
        } catch {
          failures.push({ arn: ref, reason: 'MISSING' });
        }
      }
      return { taskSets, failures };
    },

    UpdateTaskSet(input, ctx) {
      const service = externalService(store, input, ctx);
      const taskSet = findTaskSet(
        store,
        service,
        requireString(input, 'taskSet', INVALID),
      );
      if (!input.scale) throw new AwsError(INVALID, 'scale must be specified.');
      taskSet.scale = {
        value: clampScale(Number(input.scale.value)),
        unit: 'PERCENT',
      };
      taskSet.updatedAt = store.now();
      service.steady = false;
      return { taskSet: renderTaskSet(store, taskSet) };
    },

    UpdateServicePrimaryTaskSet(input, ctx) {
      const service = externalService(store, input, ctx);
      const taskSet = findTaskSet(
        store,
        service,
        requireString(input, 'primaryTaskSet', INVALID),
      );
      setPrimary(store, taskSet);
      return { taskSet: renderTaskSet(store, taskSet) };
    },

    DeleteTaskSet(input, ctx) {
      const service = externalService(store, input, ctx);
      const taskSet = findTaskSet(
        store,
        service,
        requireString(input, 'taskSet', INVALID),
      );
      const rendered = renderTaskSet(store, taskSet);
      deleteTaskSetRecord(store, taskSet, input.force === true);
      return { taskSet: { ...rendered, status: 'DRAINING' } };
    },
  };
}

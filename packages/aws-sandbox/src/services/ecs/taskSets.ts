import { ecsTaskSetArn } from '../../core/arns';
import { AwsError } from '../../core/AwsError';
import type { EcsStore } from './EcsStore';
import type { LoadBalancerRecord, ServiceRecord, TaskSetRecord } from './model';

/*
 * Task sets: how CODE_DEPLOY and EXTERNAL services run revisions side by side.
 * The scheduler keeps each at `ceil(desiredCount * scale%)` tasks.
 */

export function createTaskSetRecord(
  store: EcsStore,
  service: ServiceRecord,
  spec: {
    taskDefinition: string;
    loadBalancers: LoadBalancerRecord[];
    scalePercent: number;
    externalId?: string;
    startedBy?: string;
    launchType?: string;
    networkConfiguration?: unknown;
    clientToken?: string;
  },
): TaskSetRecord {
  const now = store.now();
  const id = store.newEcsSvcId();
  const record: TaskSetRecord = {
    arn: ecsTaskSetArn(
      { accountId: service.accountId, region: service.region },
      service.clusterName,
      service.name,
      id,
    ),
    id,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    accountId: service.accountId,
    region: service.region,
    externalId: spec.externalId,
    startedBy: spec.startedBy,
    status: 'ACTIVE',
    taskDefinition: spec.taskDefinition,
    launchType: spec.launchType ?? service.launchType,
    networkConfiguration: spec.networkConfiguration,
    clientToken: spec.clientToken,
    loadBalancers: spec.loadBalancers,
    scale: { value: clampScale(spec.scalePercent), unit: 'PERCENT' },
    createdAt: now,
    updatedAt: now,
    stabilityStatusAt: now,
    stable: false,
  };
  store.taskSets.set(record.arn, record);
  service.taskSetArns.push(record.arn);
  store.world.tags.register(record.arn);
  if (!service.taskDefinition) service.taskDefinition = record.taskDefinition;
  service.steady = false;
  return record;
}

export function setPrimary(store: EcsStore, taskSet: TaskSetRecord): void {
  const service = store.services.get(taskSet.serviceArn);
  if (!service) return;
  for (const arn of service.taskSetArns) {
    const other = store.taskSets.get(arn);
    if (other && other.status === 'PRIMARY') other.status = 'ACTIVE';
  }
  taskSet.status = 'PRIMARY';
  taskSet.updatedAt = store.now();
  service.taskDefinition = taskSet.taskDefinition;
}

export function deleteTaskSetRecord(
  store: EcsStore,
  taskSet: TaskSetRecord,
  force: boolean,
): TaskSetRecord {
  if (taskSet.status === 'PRIMARY' && !force) {
    throw new AwsError(
      'InvalidParameterException',
      'Cannot delete the PRIMARY task set of a service.',
    );
  }
  const service = store.services.get(taskSet.serviceArn);
  const now = store.now();
  for (const task of store.liveTasksOf(taskSet.arn)) {
    store.stopTask(
      task,
      `Task set ${taskSet.id} deleted`,
      'ServiceSchedulerInitiated',
      143,
      now,
    );
  }
  taskSet.status = 'DRAINING';
  taskSet.updatedAt = now;
  store.taskSets.delete(taskSet.arn);
  store.world.tags.forget(taskSet.arn);
  if (service) {
    service.taskSetArns = service.taskSetArns.filter(a => a !== taskSet.arn);
  }
  return taskSet;
}

export function clampScale(value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new AwsError(
      'InvalidParameterException',
      'scale.value must be between 0 and 100.',
    );
  }
  return value;
}

import { ecsTaskArn } from '../../core/arns';
import type { EcsStore } from './EcsStore';
import type { ServiceRecord, TaskRecord } from './model';
import { PULL_MS } from './timing';

/** How a task that already stopped came and went. */
export interface StoppedTaskSpec {
  taskDefinition: string;
  startedBy: string;
  /**
   * Never a rollout id or task set ARN, so the scheduler does not count the
   * task towards anyone's desired count.
   */
  owner: string;
  launchType?: string;
  startedAt: number;
  stoppedAt: number;
  stoppedReason: string;
  exitCode: number;
}

/**
 * Adds a task whose essential container exited, so DescribeTasks and
 * ListTasks(desiredStatus STOPPED) explain a failed deployment: CodeDeploy's
 * failing task sets record them now, the seeded history months ago.
 */
export function addStoppedTask(
  store: EcsStore,
  service: ServiceRecord,
  spec: StoppedTaskSpec,
): TaskRecord {
  const td = store.taskDefinitions.get(spec.taskDefinition);
  const id = store.newTaskId();
  const task: TaskRecord = {
    arn: ecsTaskArn(
      { accountId: service.accountId, region: service.region },
      service.clusterName,
      id,
    ),
    id,
    clusterArn: service.clusterArn,
    serviceArn: service.arn,
    accountId: service.accountId,
    region: service.region,
    taskDefinitionArn: spec.taskDefinition,
    group: `service:${service.name}`,
    startedBy: spec.startedBy,
    owner: spec.owner,
    launchType: spec.launchType ?? service.launchType ?? 'FARGATE',
    createdAt: spec.startedAt - PULL_MS,
    startAt: spec.startedAt,
    willFail: spec.exitCode !== 0,
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    startedAt: spec.startedAt,
    stoppingAt: spec.stoppedAt,
    stoppedAt: spec.stoppedAt,
    stoppedReason: spec.stoppedReason,
    stopCode: 'EssentialContainerExited',
    containers: (td?.document.containerDefinitions ?? []).map(c => ({
      name: String(c.name),
      image: String(c.image ?? ''),
      exitCode: spec.exitCode,
      reason:
        spec.exitCode !== 0
          ? `Essential container exited with code ${spec.exitCode}`
          : undefined,
    })),
    ip: store.newPrivateIp(),
    port: service.loadBalancers[0]?.containerPort ?? 80,
    targetGroupArns: [],
  };
  store.addTask(task);
  return task;
}

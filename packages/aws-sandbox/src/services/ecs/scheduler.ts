import { ecsTaskArn } from '../../core/arns';
import type { EcsStore } from './EcsStore';
import { ecrImageOf } from './revisions';
import type {
  RolloutRecord,
  TaskDefinitionDocument,
  ServiceRecord,
  TaskRecord,
  TaskSetRecord,
} from './model';
import { isActiveDeployment } from './serviceDeployments/status';
import { MIN_STARTUP_MS, STARTUP_SPREAD_MS } from './timing';

/*
 * The ECS service scheduler, simulated: keeps each rollout's and task set's
 * task count at its desired count, moves tasks PROVISIONING -> PENDING ->
 * RUNNING over 30-60 s of AWS time, and stops tasks whose image is marked to
 * fail (see `taskWillFail`) with an exit code, as a crashing container would.
 */

/**
 * A task definition fails when a container's environment has
 * `SANDBOX_TASK_FAILS=true` or its image tag starts with `broken` (also an
 * image named by the digest of an ECR image tagged so): the sandbox's
 * stand-in for a container that crashes on start.
 */
function taskWillFail(
  store: EcsStore,
  document: TaskDefinitionDocument,
): boolean {
  return (document.containerDefinitions ?? []).some(
    c =>
      (c.environment ?? []).some(
        e => e?.name === 'SANDBOX_TASK_FAILS' && e?.value === 'true',
      ) ||
      /:broken[^/]*$/.test(String(c.image ?? '')) ||
      (/@sha256:/.test(String(c.image ?? '')) &&
        !!ecrImageOf(store, String(c.image))?.imageTags.some(t =>
          t.startsWith('broken'),
        )),
  );
}

export function computedDesiredCount(
  service: ServiceRecord,
  taskSet: TaskSetRecord,
): number {
  return Math.ceil((service.desiredCount * taskSet.scale.value) / 100);
}

/** Moves starting tasks along; a task that fails counts against its rollout. */
export function progressTasks(store: EcsStore, now: number): void {
  for (const task of store.tasks.values()) {
    if (task.lastStatus === 'STOPPED' || task.lastStatus === 'RUNNING')
      continue;
    if (now >= task.startAt) {
      if (task.willFail) {
        store.stopTask(
          task,
          'Essential container in task exited',
          'EssentialContainerExited',
          1,
          task.startAt,
        );
        const service = store.services.get(task.serviceArn);
        const rollout = service?.rollouts.find(r => r.id === task.owner);
        if (rollout) {
          rollout.failedTasks += 1;
          rollout.updatedAt = task.startAt;
        }
        if (service) {
          store.addEvent(
            service,
            `has stopped 1 running tasks: (task ${task.id}).`,
            task.startAt,
          );
        }
      } else {
        task.lastStatus = 'RUNNING';
        task.startedAt = task.startAt;
      }
    } else if (now >= task.createdAt + (task.startAt - task.createdAt) / 3) {
      task.lastStatus = 'PENDING';
    }
  }
}

/** Starts or stops tasks so every owner has its desired count. */
export function reconcile(store: EcsStore, now: number): void {
  for (const service of store.services.values()) {
    if (service.status !== 'ACTIVE') continue;
    let settled = true;
    for (const rollout of service.rollouts) {
      if (
        !reconcileOwner(
          store,
          service,
          rollout.id,
          rollout.desiredCount,
          {
            taskDefinition: rollout.taskDefinition,
            targetGroupArns: rollout.targetGroupArns,
            startedBy: rollout.id,
          },
          now,
        )
      ) {
        settled = false;
      }
    }
    // Drained rollouts leave the service's `deployments` list.
    service.rollouts = service.rollouts.filter(
      r =>
        r.status === 'PRIMARY' ||
        r.desiredCount > 0 ||
        store.liveTasksOf(r.id).length > 0 ||
        isReferencedByActiveDeployment(store, service, r),
    );
    for (const arn of service.taskSetArns) {
      const taskSet = store.taskSets.get(arn);
      if (!taskSet) continue;
      const desired = computedDesiredCount(service, taskSet);
      const ok = reconcileOwner(
        store,
        service,
        taskSet.arn,
        desired,
        {
          taskDefinition: taskSet.taskDefinition,
          targetGroupArns: taskSet.loadBalancers
            .map(lb => lb.targetGroupArn)
            .filter((t): t is string => !!t),
          startedBy: taskSet.startedBy ?? taskSet.id,
          launchType: taskSet.launchType,
        },
        now,
      );
      if (ok !== taskSet.stable) {
        taskSet.stable = ok;
        taskSet.stabilityStatusAt = now;
        if (ok) {
          store.addEvent(
            service,
            `updated state to STEADY_STATE.`,
            now,
            `taskSet ${taskSet.id}`,
          );
        }
      }
      if (!ok) settled = false;
    }
    const steady =
      settled &&
      (service.controller !== 'ECS' || service.rollouts.length === 1);
    if (steady && !service.steady) {
      store.addEvent(service, 'has reached a steady state.', now);
    }
    service.steady = steady;
  }
}

function isReferencedByActiveDeployment(
  store: EcsStore,
  service: ServiceRecord,
  rollout: RolloutRecord,
): boolean {
  if (!service.currentServiceDeployment) return false;
  const d = store.deployments.get(service.currentServiceDeployment);
  return (
    !!d &&
    isActiveDeployment(d) &&
    (d.targetRolloutId === rollout.id || d.sourceRolloutId === rollout.id)
  );
}

/** True when the owner runs exactly its desired count. */
function reconcileOwner(
  store: EcsStore,
  service: ServiceRecord,
  owner: string,
  desired: number,
  spec: {
    taskDefinition: string;
    targetGroupArns: string[];
    startedBy: string;
    launchType?: string;
  },
  now: number,
): boolean {
  const live = store.liveTasksOf(owner);
  if (live.length < desired) {
    const started: TaskRecord[] = [];
    for (let i = live.length; i < desired; i++) {
      started.push(launchTask(store, service, owner, spec, now));
    }
    store.addEvent(
      service,
      `has started ${started.length} tasks: ${started
        .map(t => `(task ${t.id})`)
        .join(' ')}.`,
      now,
    );
    return false;
  }
  if (live.length > desired) {
    // Stop tasks that are not serving yet first, then the newest.
    const victims = [...live]
      .sort(
        (a, b) =>
          Number(a.lastStatus === 'RUNNING') -
            Number(b.lastStatus === 'RUNNING') || b.createdAt - a.createdAt,
      )
      .slice(0, live.length - desired);
    for (const task of victims) {
      store.stopTask(
        task,
        `Scaling activity initiated by (deployment ${spec.startedBy})`,
        'ServiceSchedulerInitiated',
        task.lastStatus === 'RUNNING' ? 143 : undefined,
        now,
      );
    }
    store.addEvent(
      service,
      `has stopped ${victims.length} running tasks: ${victims
        .map(t => `(task ${t.id})`)
        .join(' ')}.`,
      now,
    );
    return false;
  }
  return live.every(t => t.lastStatus === 'RUNNING');
}

function launchTask(
  store: EcsStore,
  service: ServiceRecord,
  owner: string,
  spec: {
    taskDefinition: string;
    targetGroupArns: string[];
    startedBy: string;
    launchType?: string;
  },
  now: number,
): TaskRecord {
  const td = store.taskDefinitions.get(spec.taskDefinition);
  const document: TaskDefinitionDocument = td?.document ?? {};
  const id = store.newTaskId();
  const scope = { accountId: service.accountId, region: service.region };
  const lb = service.loadBalancers[0];
  const task: TaskRecord = {
    arn: ecsTaskArn(scope, service.clusterName, id),
    id,
    clusterArn: service.clusterArn,
    serviceArn: service.arn,
    accountId: service.accountId,
    region: service.region,
    taskDefinitionArn: spec.taskDefinition,
    group: `service:${service.name}`,
    startedBy: spec.startedBy,
    owner,
    launchType: spec.launchType ?? service.launchType ?? 'FARGATE',
    createdAt: now,
    startAt:
      now +
      MIN_STARTUP_MS +
      Math.floor(store.world.random() * STARTUP_SPREAD_MS),
    willFail: taskWillFail(store, document),
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    containers: (document.containerDefinitions ?? []).map(c => ({
      name: String(c.name ?? 'app'),
      image: String(c.image ?? ''),
    })),
    ip: store.newPrivateIp(),
    port: lb?.containerPort ?? 80,
    targetGroupArns: spec.targetGroupArns,
  };
  store.addTask(task);
  return task;
}

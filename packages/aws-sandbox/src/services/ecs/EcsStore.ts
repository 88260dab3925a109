import {
  ecsClusterArn,
  ecsServiceArn,
  ecsTaskDefinitionArn,
  parseArn,
  type Scope,
} from '../../core/arns';
import { AwsError } from '../../core/AwsError';
import type { SandboxWorld, ServiceStore } from '../../world';
import { advanceEcs } from './lifecycle';
import type {
  ClusterRecord,
  EcsState,
  RolloutRecord,
  ServiceDeploymentRecord,
  ServiceRecord,
  ServiceRevisionRecord,
  TaskDefinitionDocument,
  TaskDefinitionRecord,
  TaskRecord,
  TaskSetRecord,
} from './model';
import { nameOf, scopeOf } from './references';
import { isActiveDeployment } from './serviceDeployments/status';

const MAX_EVENTS = 100;
/** Stopped tasks kept per service (AWS shows them for about an hour; history needs a few more). */
const MAX_STOPPED_TASKS_PER_SERVICE = 100;

/**
 * ECS state: clusters, task definitions, services, task sets, tasks, service
 * revisions and service deployments, with the lookups every operation needs.
 * What moves on the clock (task start-up, service deployments) is
 * `lifecycle.ts`.
 */
export class EcsStore implements ServiceStore {
  readonly clusters = new Map<string, ClusterRecord>();
  readonly taskDefinitions = new Map<string, TaskDefinitionRecord>();
  readonly services = new Map<string, ServiceRecord>();
  readonly taskSets = new Map<string, TaskSetRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly revisions = new Map<string, ServiceRevisionRecord>();
  readonly deployments = new Map<string, ServiceDeploymentRecord>();
  /** rollout id / task set ARN -> its task ARNs */
  private readonly tasksByOwner = new Map<string, Set<string>>();
  /** service ARN -> its service deployment ARNs, oldest first */
  private readonly deploymentsByService = new Map<string, string[]>();

  constructor(readonly world: SandboxWorld) {}

  now(): number {
    return this.world.clock.nowMs();
  }

  /** `ecs-svc/` plus 19 digits, the id format of deployments and task sets. */
  newEcsSvcId(): string {
    let digits = '';
    while (digits.length < 19) {
      digits += Math.floor(this.world.random() * 10).toString();
    }
    return `ecs-svc/${digits.replace(/^0/, '1')}`;
  }

  newTaskId(): string {
    return this.world.randomHex(32);
  }

  /** A private IPv4 address in the awsvpc subnets, for a task's network interface. */
  newPrivateIp(): string {
    return `10.0.${Math.floor(this.world.random() * 250) + 1}.${
      Math.floor(this.world.random() * 250) + 2
    }`;
  }

  // ---- clusters ----

  cluster(ref: string | undefined, caller: Scope): ClusterRecord {
    const name = nameOf(ref ?? 'default');
    const scope = scopeOf(ref ?? 'default', caller);
    const found = this.clusters.get(ecsClusterArn(scope, name));
    if (!found || found.status !== 'ACTIVE') {
      throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
    }
    return found;
  }

  // ---- task definitions ----

  registerTaskDefinition(
    scope: Scope,
    document: TaskDefinitionDocument,
  ): TaskDefinitionRecord {
    const family = String(document.family);
    let revision = 0;
    for (const td of this.taskDefinitions.values()) {
      if (
        td.family === family &&
        td.accountId === scope.accountId &&
        td.region === scope.region
      ) {
        revision = Math.max(revision, td.revision);
      }
    }
    revision += 1;
    const record: TaskDefinitionRecord = {
      arn: ecsTaskDefinitionArn(scope, family, revision),
      family,
      revision,
      accountId: scope.accountId,
      region: scope.region,
      status: 'ACTIVE',
      registeredAt: this.now(),
      document,
    };
    this.taskDefinitions.set(record.arn, record);
    this.world.tags.register(record.arn);
    return record;
  }

  /** `family`, `family:revision` or an ARN; a bare family means its latest ACTIVE revision. */
  taskDefinition(ref: string, caller: Scope): TaskDefinitionRecord {
    const scope = scopeOf(ref, caller);
    const familyRev = ref.startsWith('arn:')
      ? parseArn(ref)?.path.join('/') ?? ref
      : ref;
    const [family, rev] = familyRev.split(':');
    if (rev !== undefined) {
      const found = this.taskDefinitions.get(
        ecsTaskDefinitionArn(scope, family, Number(rev)),
      );
      if (found) return found;
    } else {
      let latest: TaskDefinitionRecord | undefined;
      for (const td of this.taskDefinitions.values()) {
        if (
          td.family === family &&
          td.status === 'ACTIVE' &&
          td.accountId === scope.accountId &&
          td.region === scope.region &&
          (!latest || td.revision > latest.revision)
        ) {
          latest = td;
        }
      }
      if (latest) return latest;
    }
    throw new AwsError(
      'ClientException',
      'Unable to describe task definition.',
    );
  }

  // ---- services ----

  findService(
    clusterRef: string | undefined,
    serviceRef: string,
    caller: Scope,
  ): ServiceRecord | undefined {
    const cluster = this.cluster(clusterRef, caller);
    const scope = { accountId: cluster.accountId, region: cluster.region };
    return this.services.get(
      ecsServiceArn(scope, cluster.name, nameOf(serviceRef)),
    );
  }

  service(
    clusterRef: string | undefined,
    serviceRef: string,
    caller: Scope,
  ): ServiceRecord {
    const found = this.findService(clusterRef, serviceRef, caller);
    if (!found || found.status === 'INACTIVE') {
      throw new AwsError('ServiceNotFoundException', 'Service not found.');
    }
    return found;
  }

  /** Adds a service event in AWS's wording: `(service name[, taskSet id]) message`. */
  addEvent(
    service: ServiceRecord,
    message: string,
    at = this.now(),
    subject?: string,
  ): void {
    service.events.unshift({
      id: `${this.world.randomHex(8)}-${this.world.randomHex(4)}`,
      createdAt: at,
      message: `(service ${service.name}${
        subject ? `, ${subject}` : ''
      }) ${message}`,
    });
    if (service.events.length > MAX_EVENTS) service.events.length = MAX_EVENTS;
  }

  primaryRollout(service: ServiceRecord): RolloutRecord | undefined {
    return service.rollouts.find(r => r.status === 'PRIMARY');
  }

  // ---- tasks ----

  addTask(task: TaskRecord): void {
    this.tasks.set(task.arn, task);
    const set = this.tasksByOwner.get(task.owner) ?? new Set<string>();
    set.add(task.arn);
    this.tasksByOwner.set(task.owner, set);
  }

  deleteTask(task: TaskRecord): void {
    this.tasks.delete(task.arn);
    this.tasksByOwner.get(task.owner)?.delete(task.arn);
  }

  tasksOf(owner: string): TaskRecord[] {
    return [...(this.tasksByOwner.get(owner) ?? [])]
      .map(arn => this.tasks.get(arn))
      .filter((t): t is TaskRecord => t !== undefined);
  }

  /** Tasks the scheduler still counts towards an owner's desired count. */
  liveTasksOf(owner: string): TaskRecord[] {
    return this.tasksOf(owner).filter(t => t.desiredStatus === 'RUNNING');
  }

  stopTask(
    task: TaskRecord,
    reason: string,
    stopCode: string,
    exitCode: number | undefined,
    at = this.now(),
  ): void {
    if (task.lastStatus === 'STOPPED') return;
    task.desiredStatus = 'STOPPED';
    task.lastStatus = 'STOPPED';
    task.stoppingAt = at;
    task.stoppedAt = at;
    task.stoppedReason = reason;
    task.stopCode = stopCode;
    for (const c of task.containers) {
      c.exitCode = exitCode;
      if (exitCode !== undefined && exitCode !== 0) {
        c.reason =
          c.reason ?? `Essential container exited with code ${exitCode}`;
      }
    }
  }

  /** Drops the oldest stopped tasks beyond the per-service limit. */
  pruneStoppedTasks(): void {
    const stoppedByService = new Map<string, TaskRecord[]>();
    for (const task of this.tasks.values()) {
      if (task.lastStatus !== 'STOPPED') continue;
      const list = stoppedByService.get(task.serviceArn) ?? [];
      list.push(task);
      stoppedByService.set(task.serviceArn, list);
    }
    for (const list of stoppedByService.values()) {
      if (list.length <= MAX_STOPPED_TASKS_PER_SERVICE) continue;
      list.sort((a, b) => (a.stoppedAt ?? 0) - (b.stoppedAt ?? 0));
      for (const task of list.slice(
        0,
        list.length - MAX_STOPPED_TASKS_PER_SERVICE,
      )) {
        this.deleteTask(task);
      }
    }
  }

  // ---- service deployments ----

  /**
   * Keeps a service's deployments in creation order: live ones arrive newest
   * (appended at once), imported history is older than what already runs, and
   * a restored state file lists them in whatever order they were stored.
   */
  addDeployment(record: ServiceDeploymentRecord): void {
    this.deployments.set(record.arn, record);
    const list = this.deploymentsByService.get(record.serviceArn) ?? [];
    let at = list.length;
    while (
      at > 0 &&
      (this.deployments.get(list[at - 1])?.createdAt ?? 0) > record.createdAt
    ) {
      at -= 1;
    }
    list.splice(at, 0, record.arn);
    this.deploymentsByService.set(record.serviceArn, list);
  }

  deploymentsOf(serviceArn: string): ServiceDeploymentRecord[] {
    return (this.deploymentsByService.get(serviceArn) ?? [])
      .map(arn => this.deployments.get(arn))
      .filter((d): d is ServiceDeploymentRecord => d !== undefined);
  }

  activeDeployments(): ServiceDeploymentRecord[] {
    return [...this.deployments.values()].filter(isActiveDeployment);
  }

  // ---- ServiceStore ----

  tick(nowMs: number): void {
    advanceEcs(this, nowMs);
  }

  snapshot(): EcsState {
    return {
      clusters: [...this.clusters.values()],
      taskDefinitions: [...this.taskDefinitions.values()],
      services: [...this.services.values()],
      taskSets: [...this.taskSets.values()],
      tasks: [...this.tasks.values()],
      revisions: [...this.revisions.values()],
      deployments: [...this.deployments.values()],
    };
  }

  restore(data: unknown): void {
    const state = data as EcsState;
    this.clusters.clear();
    this.taskDefinitions.clear();
    this.services.clear();
    this.taskSets.clear();
    this.tasks.clear();
    this.revisions.clear();
    this.deployments.clear();
    this.deploymentsByService.clear();
    this.tasksByOwner.clear();
    for (const r of state.clusters ?? []) this.clusters.set(r.arn, r);
    for (const r of state.taskDefinitions ?? [])
      this.taskDefinitions.set(r.arn, r);
    for (const r of state.services ?? []) this.services.set(r.arn, r);
    for (const r of state.taskSets ?? []) this.taskSets.set(r.arn, r);
    for (const r of state.tasks ?? []) this.addTask(r);
    for (const r of state.revisions ?? []) this.revisions.set(r.arn, r);
    for (const r of state.deployments ?? []) this.addDeployment(r);
  }
}

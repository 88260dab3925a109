import { iamArn } from '../../core/arns';
import type { TagStore } from '../../world';
import type { EcsStore } from './EcsStore';
import type {
  ClusterRecord,
  ContainerDefinitionDocument,
  LifecycleStage,
  LoadBalancerRecord,
  ServiceDeploymentRecord,
  ServiceRecord,
  ServiceRevisionRecord,
  TaskDefinitionRecord,
  TaskRecord,
  TaskSetRecord,
} from './model';
import { computedDesiredCount } from './scheduler';
import { SHIFTING_STAGES, failureThreshold } from './serviceDeployments';

/* Records -> the shapes in @aws-sdk/client-ecs (times as Date; JSON 1.1 sends epoch seconds). */

const date = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms);

export function ecsTags(tags: TagStore, arn: string) {
  return tags.list(arn).map(t => ({ key: t.key, value: t.value }));
}

export function renderCluster(
  store: EcsStore,
  c: ClusterRecord,
  withTags: boolean,
) {
  let running = 0;
  let pending = 0;
  let services = 0;
  for (const s of store.services.values()) {
    if (s.clusterArn === c.arn && s.status === 'ACTIVE') services += 1;
  }
  for (const t of store.tasks.values()) {
    if (t.clusterArn !== c.arn) continue;
    if (t.lastStatus === 'RUNNING') running += 1;
    else if (t.lastStatus !== 'STOPPED') pending += 1;
  }
  return {
    clusterArn: c.arn,
    clusterName: c.name,
    status: c.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: services,
    statistics: [],
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    defaultCapacityProviderStrategy: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    ...(withTags ? { tags: ecsTags(store.world.tags, c.arn) } : {}),
  };
}

export function renderTaskDefinition(td: TaskDefinitionRecord) {
  return {
    ...td.document,
    taskDefinitionArn: td.arn,
    family: td.family,
    revision: td.revision,
    status: td.status,
    compatibilities: ['EC2', 'FARGATE'],
    registeredAt: date(td.registeredAt),
    registeredBy: iamArn(td, 'root'),
  };
}

function renderLoadBalancers(lbs: LoadBalancerRecord[]) {
  return lbs.map(lb => ({ ...lb }));
}

function counts(store: EcsStore, owner: string) {
  let running = 0;
  let pending = 0;
  for (const t of store.liveTasksOf(owner)) {
    if (t.lastStatus === 'RUNNING') running += 1;
    else pending += 1;
  }
  return { running, pending };
}

export function renderTaskSet(
  store: EcsStore,
  ts: TaskSetRecord,
  withTags = false,
) {
  const service = store.services.get(ts.serviceArn);
  const { running, pending } = counts(store, ts.arn);
  return {
    id: ts.id,
    taskSetArn: ts.arn,
    serviceArn: ts.serviceArn,
    clusterArn: ts.clusterArn,
    startedBy: ts.startedBy,
    externalId: ts.externalId,
    status: ts.status,
    taskDefinition: ts.taskDefinition,
    computedDesiredCount: service ? computedDesiredCount(service, ts) : 0,
    pendingCount: pending,
    runningCount: running,
    createdAt: date(ts.createdAt),
    updatedAt: date(ts.updatedAt),
    launchType: ts.launchType ?? 'FARGATE',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    loadBalancers: renderLoadBalancers(ts.loadBalancers),
    ...(ts.networkConfiguration
      ? { networkConfiguration: ts.networkConfiguration }
      : {}),
    serviceRegistries: [],
    scale: ts.scale,
    stabilityStatus: ts.stable ? 'STEADY_STATE' : 'STABILIZING',
    stabilityStatusAt: date(ts.stabilityStatusAt),
    ...(withTags ? { tags: ecsTags(store.world.tags, ts.arn) } : {}),
  };
}

export function renderService(
  store: EcsStore,
  s: ServiceRecord,
  withTags: boolean,
) {
  let running = 0;
  let pending = 0;
  const owners = [...s.rollouts.map(r => r.id), ...s.taskSetArns];
  for (const owner of owners) {
    const c = counts(store, owner);
    running += c.running;
    pending += c.pending;
  }
  const current = s.currentServiceDeployment
    ? store.deployments.get(s.currentServiceDeployment)
    : undefined;
  return {
    serviceArn: s.arn,
    serviceName: s.name,
    clusterArn: s.clusterArn,
    loadBalancers: renderLoadBalancers(s.loadBalancers),
    serviceRegistries: [],
    status: s.status,
    desiredCount: s.desiredCount,
    runningCount: running,
    pendingCount: pending,
    launchType: s.launchType ?? 'FARGATE',
    platformVersion: s.platformVersion ?? 'LATEST',
    platformFamily: 'Linux',
    taskDefinition: s.taskDefinition,
    deploymentConfiguration: s.deploymentConfiguration,
    taskSets: s.taskSetArns
      .map(arn => store.taskSets.get(arn))
      .filter((t): t is TaskSetRecord => !!t)
      .map(t => renderTaskSet(store, t)),
    deployments: s.rollouts.map(r => {
      const c = counts(store, r.id);
      return {
        id: r.id,
        status: r.status,
        taskDefinition: r.taskDefinition,
        desiredCount: r.desiredCount,
        pendingCount: c.pending,
        runningCount: c.running,
        failedTasks: r.failedTasks,
        createdAt: date(r.createdAt),
        updatedAt: date(r.updatedAt),
        launchType: s.launchType ?? 'FARGATE',
        platformVersion: '1.4.0',
        platformFamily: 'Linux',
        networkConfiguration: s.networkConfiguration,
        rolloutState: r.rolloutState,
        rolloutStateReason: r.rolloutStateReason,
      };
    }),
    roleArn: s.roleArn,
    events: s.events.map(e => ({
      id: e.id,
      createdAt: date(e.createdAt),
      message: e.message,
    })),
    createdAt: date(s.createdAt),
    currentServiceDeployment: s.currentServiceDeployment,
    currentServiceRevisions: current
      ? [
          ...new Set(
            current.status === 'SUCCESSFUL'
              ? [current.targetRevisionArn]
              : [...current.sourceRevisionArns, current.targetRevisionArn],
          ),
        ].map(arn => {
          const rollout = s.rollouts.find(r => r.revisionArn === arn);
          const c = rollout
            ? counts(store, rollout.id)
            : { running: 0, pending: 0 };
          return {
            arn,
            requestedTaskCount: rollout?.desiredCount ?? 0,
            runningTaskCount: c.running,
            pendingTaskCount: c.pending,
          };
        })
      : [],
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: s.networkConfiguration,
    healthCheckGracePeriodSeconds: s.loadBalancers.length ? 0 : undefined,
    schedulingStrategy: s.schedulingStrategy,
    deploymentController: { type: s.controller },
    createdBy: s.createdBy,
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    availabilityZoneRebalancing: 'DISABLED',
    ...(withTags ? { tags: ecsTags(store.world.tags, s.arn) } : {}),
  };
}

// Task versions increase with each state change.
const TASK_VERSION: Record<TaskRecord['lastStatus'], number> = {
  PROVISIONING: 1,
  PENDING: 2,
  RUNNING: 3,
  STOPPED: 4,
};

/**
 * A container's health as ECS reports it: UNKNOWN without a health check in
 * its definition (ECS has nothing to ask) and until it runs; the sandbox's
 * checks pass once it runs.
 */
function containerHealth(
  definition: ContainerDefinitionDocument | undefined,
  t: TaskRecord,
): 'HEALTHY' | 'UNKNOWN' {
  return definition?.healthCheck && t.lastStatus === 'RUNNING'
    ? 'HEALTHY'
    : 'UNKNOWN';
}

export function renderTask(store: EcsStore, t: TaskRecord, withTags: boolean) {
  const td = store.taskDefinitions.get(t.taskDefinitionArn);
  const definitions = td?.document.containerDefinitions ?? [];
  const definitionOf = (name: string) => definitions.find(d => d.name === name);
  // The task is HEALTHY only when every essential container is; one
  // reporting UNKNOWN (no health check) makes the task UNKNOWN.
  const essential = t.containers.filter(
    c => definitionOf(c.name)?.essential !== false,
  );
  const taskHealth =
    essential.length > 0 &&
    essential.every(c => containerHealth(definitionOf(c.name), t) === 'HEALTHY')
      ? 'HEALTHY'
      : 'UNKNOWN';
  return {
    attachments: [],
    attributes: [],
    availabilityZone: `${t.region}a`,
    clusterArn: t.clusterArn,
    connectivity: t.lastStatus === 'RUNNING' ? 'CONNECTED' : undefined,
    containers: t.containers.map(c => ({
      containerArn: `${t.arn.replace(':task/', ':container/')}/${c.name}`,
      taskArn: t.arn,
      name: c.name,
      image: c.image,
      lastStatus: t.lastStatus === 'PROVISIONING' ? 'PENDING' : t.lastStatus,
      exitCode: c.exitCode,
      reason: c.reason,
      networkInterfaces: [{ privateIpv4Address: t.ip }],
      healthStatus: containerHealth(definitionOf(c.name), t),
    })),
    cpu: td?.document.cpu ?? '256',
    memory: td?.document.memory ?? '512',
    createdAt: date(t.createdAt),
    desiredStatus: t.desiredStatus,
    group: t.group,
    healthStatus: taskHealth,
    lastStatus: t.lastStatus,
    launchType: t.launchType,
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    pullStartedAt: date(t.createdAt + 5_000),
    pullStoppedAt: t.startedAt ? date(t.startedAt - 5_000) : undefined,
    startedAt: date(t.startedAt),
    startedBy: t.startedBy,
    stopCode: t.stopCode,
    stoppedAt: date(t.stoppedAt),
    stoppedReason: t.stoppedReason,
    stoppingAt: date(t.stoppingAt),
    executionStoppedAt: date(t.stoppedAt),
    taskArn: t.arn,
    taskDefinitionArn: t.taskDefinitionArn,
    version: TASK_VERSION[t.lastStatus],
    ...(withTags ? { tags: ecsTags(store.world.tags, t.arn) } : {}),
  };
}

function renderRevisionSummary(
  store: EcsStore,
  d: ServiceDeploymentRecord,
  arn: string,
) {
  const service = store.services.get(d.serviceArn);
  const rollout = service?.rollouts.find(r => r.revisionArn === arn);
  const c = rollout ? counts(store, rollout.id) : { running: 0, pending: 0 };
  const isTarget = arn === d.targetRevisionArn;
  const shifting = d.strategy !== 'ROLLING';
  const productionWeight = isTarget
    ? d.productionPercent
    : 100 - d.productionPercent;
  return {
    arn,
    requestedTaskCount: rollout?.desiredCount ?? 0,
    runningTaskCount: c.running,
    pendingTaskCount: c.pending,
    ...(shifting
      ? {
          requestedProductionTrafficWeight: productionWeight,
          requestedTestTrafficWeight:
            isTarget === stageAfter(d, 'TEST_TRAFFIC_SHIFT') ? 100 : 0,
        }
      : {}),
  };
}

function stageAfter(
  d: ServiceDeploymentRecord,
  stage: LifecycleStage,
): boolean {
  if (d.status === 'ROLLBACK_IN_PROGRESS' || d.status === 'ROLLBACK_SUCCESSFUL')
    return false;
  return (
    SHIFTING_STAGES.indexOf(d.lifecycleStage ?? 'PRE_SCALE_UP') >
    SHIFTING_STAGES.indexOf(stage)
  );
}

export function renderServiceDeployment(
  store: EcsStore,
  d: ServiceDeploymentRecord,
) {
  return {
    serviceDeploymentArn: d.arn,
    serviceArn: d.serviceArn,
    clusterArn: d.clusterArn,
    createdAt: date(d.createdAt),
    startedAt: date(d.startedAt),
    finishedAt: date(d.finishedAt),
    stoppedAt: date(d.stoppedAt),
    updatedAt: date(d.updatedAt),
    sourceServiceRevisions: d.sourceRevisionArns.map(arn =>
      renderRevisionSummary(store, d, arn),
    ),
    targetServiceRevision: renderRevisionSummary(store, d, d.targetRevisionArn),
    status: d.status,
    statusReason: d.statusReason,
    lifecycleStage: d.lifecycleStage,
    lifecycleHookDetails: d.hooks.map(h => ({
      hookId: h.hookId,
      targetType: h.targetType,
      targetArn: h.targetArn,
      status: h.status,
      expiresAt: date(h.expiresAt),
      timeoutAction: h.timeoutAction,
    })),
    deploymentConfiguration: d.deploymentConfiguration,
    rollback: d.rollback
      ? {
          reason: d.rollback.reason,
          startedAt: date(d.rollback.startedAt),
          serviceRevisionArn: d.rollback.serviceRevisionArn,
        }
      : undefined,
    deploymentCircuitBreaker: {
      status: d.circuitBreakerStatus ?? 'DISABLED',
      failureCount:
        store.services
          .get(d.serviceArn)
          ?.rollouts.find(r => r.id === d.targetRolloutId)?.failedTasks ?? 0,
      threshold: store.services.get(d.serviceArn)
        ? failureThreshold(store.services.get(d.serviceArn)!)
        : 3,
    },
    alarms: { status: 'DISABLED' },
  };
}

export function renderServiceDeploymentBrief(d: ServiceDeploymentRecord) {
  return {
    serviceDeploymentArn: d.arn,
    serviceArn: d.serviceArn,
    clusterArn: d.clusterArn,
    startedAt: date(d.startedAt),
    createdAt: date(d.createdAt),
    finishedAt: date(d.finishedAt),
    targetServiceRevisionArn: d.targetRevisionArn,
    status: d.status,
    statusReason: d.statusReason,
  };
}

export function renderRevision(r: ServiceRevisionRecord) {
  return {
    serviceRevisionArn: r.arn,
    serviceArn: r.serviceArn,
    clusterArn: r.clusterArn,
    taskDefinition: r.taskDefinition,
    launchType: r.launchType ?? 'FARGATE',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    loadBalancers: renderLoadBalancers(r.loadBalancers),
    serviceRegistries: [],
    containerImages: r.containerImages,
    guardDutyEnabled: false,
    createdAt: date(r.createdAt),
    resolvedConfiguration: {
      loadBalancers: r.loadBalancers
        .filter(lb => lb.targetGroupArn)
        .map(lb => ({
          targetGroupArn: lb.targetGroupArn,
          productionListenerRule:
            lb.advancedConfiguration?.productionListenerRule,
        })),
    },
  };
}

import { AwsError } from '../../core/AwsError';
import { serviceDeploymentArn } from './arns';
import type { EcsStore } from './EcsStore';
import { createServiceRevision } from './revisions';
import type {
  HookRecord,
  LifecycleStage,
  RolloutRecord,
  ServiceDeploymentRecord,
  ServiceRecord,
  Strategy,
} from './model';

/*
 * ECS service deployments for services with the ECS deployment controller,
 * moved by the clock:
 *
 * ROLLING: SCALE_UP (new tasks start, old ones drain as new ones run) -> done.
 * BLUE_GREEN / CANARY / LINEAR: PRE_SCALE_UP -> SCALE_UP (green tasks in the
 * alternate target group) -> POST_SCALE_UP -> TEST_TRAFFIC_SHIFT (test rule to
 * green) -> POST_TEST_TRAFFIC_SHIFT -> PRE_PRODUCTION_TRAFFIC_SHIFT ->
 * PRODUCTION_TRAFFIC_SHIFT (all at once, canary percent then the rest after
 * the canary bake, or linear steps) -> POST_PRODUCTION_TRAFFIC_SHIFT ->
 * BAKE_TIME -> CLEAN_UP (blue tasks stop) -> SUCCESSFUL.
 *
 * Lifecycle hooks run on entering their stage: PAUSE hooks wait for
 * ContinueServiceDeployment (or their timeout); Lambda hooks cannot run here
 * and succeed, unless `hookDetails.sandboxResult` is `FAILED`. A failed hook,
 * the deployment circuit breaker or StopServiceDeployment rolls back.
 */

const BG_STAGES: LifecycleStage[] = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

const MINUTE = 60_000;
/** Deregistration delay of the rolled-back tasks (AWS default is 300 s; kept short). */
const DRAIN_MS = 30_000;

export function strategyOf(service: ServiceRecord): Strategy {
  const s = service.deploymentConfiguration.strategy;
  return s === 'BLUE_GREEN' || s === 'LINEAR' || s === 'CANARY' ? s : 'ROLLING';
}

function isShifting(strategy: Strategy): boolean {
  return strategy !== 'ROLLING';
}

/** Circuit breaker threshold, as AWS computes it: half the desired count, 3..200. */
export function failureThreshold(service: ServiceRecord): number {
  return Math.min(200, Math.max(3, Math.ceil(service.desiredCount / 2)));
}

/**
 * Creates the service revision and service deployment for a new task
 * definition (CreateService, UpdateService) and puts its tasks in motion.
 */
export function startServiceDeployment(
  store: EcsStore,
  service: ServiceRecord,
  taskDefinition: string,
  now: number,
): ServiceDeploymentRecord {
  const scope = { accountId: service.accountId, region: service.region };
  const revision = createServiceRevision(store, service, taskDefinition, now);

  // A newer deployment supersedes one still running.
  const previous = service.currentServiceDeployment
    ? store.deployments.get(service.currentServiceDeployment)
    : undefined;
  if (previous && isActive(previous)) {
    supersede(store, service, previous, now);
  }

  const strategy = strategyOf(service);
  const initial = service.rollouts.length === 0;
  const source = store.primaryRollout(service);
  const shifting = isShifting(strategy) && !initial;
  const targetTargetGroups = service.loadBalancers.map((lb, i) =>
    shifting
      ? otherTargetGroup(service, i)
      : service.liveTargetGroups[i] ?? lb.targetGroupArn,
  );

  const rollout: RolloutRecord = {
    id: store.newEcsSvcId(),
    status: 'PRIMARY',
    taskDefinition,
    // Blue/green starts its green tasks at SCALE_UP; rolling starts them now.
    desiredCount: shifting ? 0 : service.desiredCount,
    failedTasks: 0,
    createdAt: now,
    updatedAt: now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: 'ECS deployment in progress.',
    revisionArn: revision.arn,
    targetGroupArns: targetTargetGroups.filter((t): t is string => !!t),
  };
  for (const r of service.rollouts) {
    if (r.status === 'PRIMARY') r.status = 'ACTIVE';
    // Blue/green keeps only the live (source) revision; any other drains now.
    if (shifting && r !== source) r.desiredCount = 0;
  }
  service.rollouts.unshift(rollout);

  const id = String(store.world.randomHex(20));
  const d: ServiceDeploymentRecord = {
    arn: serviceDeploymentArn(scope, service.clusterName, service.name, id),
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    createdAt: now,
    startedAt: now,
    updatedAt: now,
    sourceRevisionArns: source ? [source.revisionArn] : [],
    targetRevisionArn: revision.arn,
    status: 'IN_PROGRESS',
    strategy: initial ? 'ROLLING' : strategy,
    deploymentConfiguration: JSON.parse(
      JSON.stringify(service.deploymentConfiguration),
    ),
    hooks: [],
    circuitBreakerStatus: service.deploymentConfiguration
      .deploymentCircuitBreaker?.enable
      ? 'MONITORING'
      : 'DISABLED',
    stageEnteredAt: now,
    productionPercent: 0,
    targetRolloutId: rollout.id,
    sourceRolloutId: source?.id,
    targetTargetGroups,
    sourceTargetGroups: [...service.liveTargetGroups],
  };
  store.addDeployment(d);
  service.currentServiceDeployment = d.arn;
  service.taskDefinition = taskDefinition;
  service.steady = false;
  if (initial) {
    service.liveTargetGroups = targetTargetGroups;
    // Production (and test) traffic goes to the first target group.
    routeAllTo(store, service, service.liveTargetGroups);
  }
  enterStage(store, d, service, shifting ? 'PRE_SCALE_UP' : 'SCALE_UP', now);
  return d;
}

export function isActive(d: ServiceDeploymentRecord): boolean {
  return (
    d.status === 'PENDING' ||
    d.status === 'IN_PROGRESS' ||
    d.status === 'ROLLBACK_REQUESTED' ||
    d.status === 'ROLLBACK_IN_PROGRESS' ||
    d.status === 'STOP_REQUESTED'
  );
}

/** Moves every active service deployment as far as the clock allows. */
export function advanceDeployments(store: EcsStore, now: number): void {
  for (const d of store.activeDeployments()) {
    const service = store.services.get(d.serviceArn);
    if (!service) continue;
    try {
      for (let i = 0; i < BG_STAGES.length + 4; i++) {
        if (!step(store, service, d, now)) break;
      }
    } catch (error) {
      // A resource the deployment needs went away (say, a listener rule):
      // AWS stops the deployment with the reason rather than retry forever.
      if (!(error instanceof AwsError)) throw error;
      d.status = 'STOPPED';
      d.statusReason = `Service deployment stopped: ${error.message}`;
      d.stoppedAt = now;
      d.finishedAt = now;
      d.updatedAt = now;
    }
  }
}

/** StopServiceDeployment (ROLLBACK). */
export function stopServiceDeployment(
  store: EcsStore,
  d: ServiceDeploymentRecord,
  now: number,
): void {
  if (d.status !== 'IN_PROGRESS' && d.status !== 'PENDING') {
    throw new AwsError(
      'ConflictException',
      `The service deployment is in status ${d.status} and cannot be stopped.`,
    );
  }
  const service = store.services.get(d.serviceArn);
  if (!service) return;
  rollBack(
    store,
    service,
    d,
    'Service deployment rolled back because of a stop request.',
    now,
  );
}

/** ContinueServiceDeployment: resolves a PAUSE hook that awaits action. */
export function continueServiceDeployment(
  store: EcsStore,
  d: ServiceDeploymentRecord,
  hookId: string,
  action: 'CONTINUE' | 'ROLLBACK',
  now: number,
): void {
  const hook = d.hooks.find(h => h.hookId === hookId);
  if (!hook) {
    throw new AwsError(
      'InvalidParameterException',
      `The hook ${hookId} does not belong to the service deployment.`,
    );
  }
  if (hook.status !== 'AWAITING_ACTION' || d.status !== 'IN_PROGRESS') {
    throw new AwsError(
      'ClientException',
      `The hook ${hookId} is not awaiting action (hook ${hook.status}, deployment ${d.status}).`,
    );
  }
  hook.status = action === 'ROLLBACK' ? 'FAILED' : 'SUCCEEDED';
  d.updatedAt = now;
  const service = store.services.get(d.serviceArn);
  if (service && action === 'ROLLBACK') {
    rollBack(
      store,
      service,
      d,
      `Lifecycle hook ${hookId} requested a rollback.`,
      now,
    );
  }
}

// ---- the machine ----

/** One transition; false when the deployment must wait. */
function step(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  now: number,
): boolean {
  if (d.status === 'ROLLBACK_IN_PROGRESS')
    return finishRollback(store, service, d, now);
  if (d.status !== 'IN_PROGRESS') return false;

  const target = service.rollouts.find(r => r.id === d.targetRolloutId);
  if (!target) return false;
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  if (breaker?.enable && target.failedTasks >= failureThreshold(service)) {
    d.circuitBreakerStatus = 'TRIGGERED';
    target.rolloutState = 'FAILED';
    target.rolloutStateReason = `ECS deployment circuit breaker: tasks failed to start.`;
    if (breaker.rollback && d.sourceRolloutId) {
      rollBack(
        store,
        service,
        d,
        'Service deployment rolled back because the circuit breaker threshold was exceeded.',
        now,
      );
      return true;
    }
    d.status = 'STOPPED';
    d.statusReason =
      'Service deployment stopped because the circuit breaker threshold was exceeded.';
    d.stoppedAt = now;
    d.finishedAt = now;
    d.updatedAt = now;
    return false;
  }

  // Hooks of the current stage gate its work.
  const hooks = d.hooks.filter(h => h.stage === d.lifecycleStage);
  for (const hook of hooks) {
    if (
      hook.status === 'AWAITING_ACTION' &&
      hook.expiresAt !== undefined &&
      now >= hook.expiresAt
    ) {
      hook.status = 'TIMED_OUT';
      if ((hook.timeoutAction ?? 'ROLLBACK') === 'ROLLBACK') {
        rollBack(
          store,
          service,
          d,
          `Lifecycle hook ${hook.hookId} timed out.`,
          hook.expiresAt,
        );
        return true;
      }
    }
    if (hook.status === 'FAILED') {
      rollBack(store, service, d, `Lifecycle hook ${hook.hookId} failed.`, now);
      return true;
    }
  }
  if (
    hooks.some(
      h => h.status === 'AWAITING_ACTION' || h.status === 'IN_PROGRESS',
    )
  ) {
    return false;
  }

  return d.strategy === 'ROLLING'
    ? stepRolling(store, service, d, target, now)
    : stepShifting(store, service, d, target, now);
}

function stepRolling(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  target: RolloutRecord,
  now: number,
): boolean {
  const running = store
    .liveTasksOf(target.id)
    .filter(t => t.lastStatus === 'RUNNING');
  const olds = service.rollouts.filter(r => r !== target);
  // As AWS's rolling update: old tasks stop while the healthy count stays at
  // minimumHealthyPercent, new ones start while the total stays within
  // maximumPercent.
  const desired = service.desiredCount;
  const config = d.deploymentConfiguration;
  const minHealthy = Math.ceil(
    (desired * (config.minimumHealthyPercent ?? 100)) / 100,
  );
  const maxTotal = Math.max(
    1,
    Math.floor((desired * (config.maximumPercent ?? 200)) / 100),
  );
  let keepOld = Math.max(0, Math.min(desired, minHealthy) - running.length);
  for (const old of olds) {
    const live = store.liveTasksOf(old.id).length;
    old.desiredCount = Math.min(live, keepOld);
    keepOld -= old.desiredCount;
  }
  const oldTotal = olds.reduce((sum, o) => sum + o.desiredCount, 0);
  if (target.rolloutState === 'IN_PROGRESS') {
    target.desiredCount = Math.min(desired, Math.max(0, maxTotal - oldTotal));
  }
  if (
    d.lifecycleStage === 'SCALE_UP' &&
    running.length >= service.desiredCount
  ) {
    enterStage(store, d, service, 'CLEAN_UP', latestStart(running, now));
    return true;
  }
  if (d.lifecycleStage === 'CLEAN_UP') {
    if (olds.some(o => store.liveTasksOf(o.id).length > 0)) return false;
    service.rollouts = [target];
    succeed(store, service, d, target, now);
    return false;
  }
  return false;
}

function stepShifting(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  target: RolloutRecord,
  now: number,
): boolean {
  const config = d.deploymentConfiguration;
  switch (d.lifecycleStage) {
    case 'PRE_SCALE_UP':
      target.desiredCount = service.desiredCount;
      enterStage(store, d, service, 'SCALE_UP', now);
      return true;
    case 'SCALE_UP': {
      // follows UpdateService desiredCount changes made meanwhile
      target.desiredCount = service.desiredCount;
      const running = store
        .liveTasksOf(target.id)
        .filter(t => t.lastStatus === 'RUNNING');
      if (running.length < service.desiredCount) return false;
      enterStage(store, d, service, 'POST_SCALE_UP', latestStart(running, now));
      return true;
    }
    case 'POST_SCALE_UP':
      enterStage(store, d, service, 'TEST_TRAFFIC_SHIFT', now);
      return true;
    case 'TEST_TRAFFIC_SHIFT':
      shift(store, service, d, 100, 'test');
      enterStage(store, d, service, 'POST_TEST_TRAFFIC_SHIFT', now);
      return true;
    case 'POST_TEST_TRAFFIC_SHIFT':
      enterStage(store, d, service, 'PRE_PRODUCTION_TRAFFIC_SHIFT', now);
      return true;
    case 'PRE_PRODUCTION_TRAFFIC_SHIFT':
      enterStage(store, d, service, 'PRODUCTION_TRAFFIC_SHIFT', now);
      return true;
    case 'PRODUCTION_TRAFFIC_SHIFT': {
      if (d.waitUntil !== undefined && now < d.waitUntil) return false;
      const at = d.waitUntil ?? now;
      let percent = 100;
      let wait: number | undefined;
      if (d.strategy === 'CANARY' && d.productionPercent === 0) {
        percent = clampPercent(config.canaryConfiguration?.canaryPercent ?? 10);
        wait =
          (config.canaryConfiguration?.canaryBakeTimeInMinutes ?? 10) * MINUTE;
      } else if (d.strategy === 'LINEAR') {
        const stepPercent = clampPercent(
          config.linearConfiguration?.stepPercent ?? 10,
        );
        percent = Math.min(100, d.productionPercent + stepPercent);
        wait =
          (config.linearConfiguration?.stepBakeTimeInMinutes ?? 6) * MINUTE;
      }
      shift(store, service, d, percent, 'production');
      d.updatedAt = at;
      if (percent < 100) {
        d.waitUntil = at + (wait ?? 0);
        return true;
      }
      d.waitUntil = undefined;
      enterStage(store, d, service, 'POST_PRODUCTION_TRAFFIC_SHIFT', at);
      return true;
    }
    case 'POST_PRODUCTION_TRAFFIC_SHIFT':
      enterStage(store, d, service, 'BAKE_TIME', now);
      d.waitUntil = now + (config.bakeTimeInMinutes ?? 0) * MINUTE;
      return true;
    case 'BAKE_TIME': {
      if (d.waitUntil !== undefined && now < d.waitUntil) return false;
      const at = d.waitUntil ?? now;
      d.waitUntil = undefined;
      const source = service.rollouts.find(r => r.id === d.sourceRolloutId);
      if (source) source.desiredCount = 0;
      enterStage(store, d, service, 'CLEAN_UP', at);
      return true;
    }
    case 'CLEAN_UP': {
      const others = service.rollouts.filter(r => r !== target);
      if (others.some(o => store.liveTasksOf(o.id).length > 0)) return false;
      service.rollouts = [target];
      service.liveTargetGroups = [...d.targetTargetGroups];
      succeed(store, service, d, target, now);
      return false;
    }
    default:
      return false;
  }
}

function succeed(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  target: RolloutRecord,
  now: number,
): void {
  d.status = 'SUCCESSFUL';
  d.statusReason = undefined;
  d.finishedAt = now;
  d.updatedAt = now;
  if (d.circuitBreakerStatus === 'MONITORING')
    d.circuitBreakerStatus = 'MONITORING_COMPLETE';
  target.rolloutState = 'COMPLETED';
  target.rolloutStateReason = 'ECS deployment completed.';
  target.updatedAt = now;
  service.currentRevisionArn = d.targetRevisionArn;
  store.addEvent(service, `deployment ${target.id} completed.`, now);
}

function rollBack(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  reason: string,
  now: number,
): void {
  const target = service.rollouts.find(r => r.id === d.targetRolloutId);
  const source = service.rollouts.find(r => r.id === d.sourceRolloutId);
  if (!source) {
    // Nothing to go back to (the service's first deployment).
    d.status = 'STOPPED';
    d.statusReason = reason;
    d.stoppedAt = now;
    d.finishedAt = now;
    d.updatedAt = now;
    return;
  }
  d.status = 'ROLLBACK_IN_PROGRESS';
  d.statusReason = reason;
  d.rollback = {
    reason,
    startedAt: now,
    serviceRevisionArn: d.sourceRevisionArns[0],
  };
  d.updatedAt = now;
  d.waitUntil = undefined;
  if (d.strategy !== 'ROLLING') {
    routeAllTo(store, service, d.sourceTargetGroups);
    d.productionPercent = 0;
  }
  if (target) {
    target.status = 'ACTIVE';
    target.desiredCount = 0;
    target.rolloutState = 'FAILED';
    target.rolloutStateReason = reason;
    target.updatedAt = now;
  }
  source.status = 'PRIMARY';
  source.desiredCount = service.desiredCount;
  service.taskDefinition = source.taskDefinition;
  service.steady = false;
  store.addEvent(
    service,
    `rolling back deployment ${target?.id}: ${reason}`,
    now,
  );
}

function finishRollback(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  now: number,
): boolean {
  if (store.liveTasksOf(d.targetRolloutId).length > 0) return false;
  // Connections to the rolled-back tasks drain before AWS reports success.
  if (d.rollback && now < d.rollback.startedAt + DRAIN_MS) return false;
  const source = service.rollouts.find(r => r.id === d.sourceRolloutId);
  const running = source
    ? store.liveTasksOf(source.id).filter(t => t.lastStatus === 'RUNNING')
        .length
    : 0;
  if (source && running < source.desiredCount) return false;
  service.rollouts = service.rollouts.filter(r => r.id !== d.targetRolloutId);
  d.status = 'ROLLBACK_SUCCESSFUL';
  d.finishedAt = now;
  d.updatedAt = now;
  return false;
}

/** A newer UpdateService stops the running deployment where it stands. */
function supersede(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  now: number,
): void {
  if (d.strategy !== 'ROLLING')
    routeAllTo(store, service, d.sourceTargetGroups);
  d.status = 'STOPPED';
  d.statusReason =
    'Service deployment stopped because a newer service deployment started.';
  d.stoppedAt = now;
  d.finishedAt = now;
  d.updatedAt = now;
  const target = service.rollouts.find(r => r.id === d.targetRolloutId);
  if (target && d.strategy !== 'ROLLING') {
    // The half-deployed green revision is abandoned; blue stays primary.
    target.desiredCount = 0;
    target.status = 'ACTIVE';
    const source = service.rollouts.find(r => r.id === d.sourceRolloutId);
    if (source) source.status = 'PRIMARY';
  }
}

function enterStage(
  store: EcsStore,
  d: ServiceDeploymentRecord,
  service: ServiceRecord,
  stage: LifecycleStage,
  at: number,
): void {
  d.lifecycleStage = stage;
  d.stageEnteredAt = at;
  d.updatedAt = at;
  if (d.strategy === 'ROLLING') return;
  const configured = d.deploymentConfiguration.lifecycleHooks ?? [];
  for (const hook of configured) {
    if (!(hook.lifecycleStages ?? []).includes(stage)) continue;
    const record: HookRecord = {
      hookId: store.world.randomHex(16),
      stage,
      targetType: hook.targetType === 'PAUSE' ? 'PAUSE' : 'AWS_LAMBDA',
      targetArn: hook.hookTargetArn,
      status: 'SUCCEEDED',
    };
    if (record.targetType === 'PAUSE') {
      record.status = 'AWAITING_ACTION';
      const timeout = hook.timeoutConfiguration?.timeoutInMinutes;
      if (typeof timeout === 'number') {
        record.expiresAt = at + timeout * MINUTE;
        record.timeoutAction = hook.timeoutConfiguration?.action ?? 'ROLLBACK';
      }
      store.addEvent(
        service,
        `deployment paused at ${stage} for lifecycle hook ${record.hookId}.`,
        at,
      );
    } else if (hook.hookDetails?.sandboxResult === 'FAILED') {
      // Lambda hooks cannot run in the sandbox; this lets a test make one fail.
      record.status = 'FAILED';
    }
    d.hooks.push(record);
  }
}

function shift(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  percent: number,
  which: 'production' | 'test',
): void {
  if (which === 'production') d.productionPercent = percent;
  service.loadBalancers.forEach((lb, i) => {
    const rule =
      which === 'production'
        ? lb.advancedConfiguration?.productionListenerRule
        : lb.advancedConfiguration?.testListenerRule;
    const green = d.targetTargetGroups[i];
    const blue = d.sourceTargetGroups[i];
    if (!rule || !green || !blue) return;
    store.world.elbv2.setRuleWeights(rule, [
      { targetGroupArn: blue, weight: 100 - percent },
      { targetGroupArn: green, weight: percent },
    ]);
  });
}

function routeAllTo(
  store: EcsStore,
  service: ServiceRecord,
  targetGroups: (string | undefined)[],
): void {
  service.loadBalancers.forEach((lb, i) => {
    const live = targetGroups[i];
    const alternate = lb.advancedConfiguration?.alternateTargetGroupArn;
    if (!live || !alternate) return;
    const other = live === alternate ? lb.targetGroupArn : alternate;
    for (const rule of [
      lb.advancedConfiguration?.productionListenerRule,
      lb.advancedConfiguration?.testListenerRule,
    ]) {
      if (!rule || !other) continue;
      store.world.elbv2.setRuleWeights(rule, [
        { targetGroupArn: live, weight: 100 },
        { targetGroupArn: other, weight: 0 },
      ]);
    }
  });
}

function otherTargetGroup(
  service: ServiceRecord,
  index: number,
): string | undefined {
  const lb = service.loadBalancers[index];
  const live = service.liveTargetGroups[index] ?? lb.targetGroupArn;
  const alternate = lb.advancedConfiguration?.alternateTargetGroupArn;
  if (!alternate) return live;
  return live === alternate ? lb.targetGroupArn : alternate;
}

function latestStart(
  tasks: { startedAt?: number }[],
  fallback: number,
): number {
  const times = tasks.map(t => t.startedAt ?? fallback);
  return times.length ? Math.max(...times) : fallback;
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(1, Number(value) || 10));
}

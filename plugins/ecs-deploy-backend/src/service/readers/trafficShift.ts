import {
  DeploymentStatus,
  DeploymentStrategy,
  LifecycleEvent,
  TrafficShift,
} from '@ecs-deploy/plugin-ecs-deploy-common';

const MINUTE = 60_000;

function addMinutes(iso: string | undefined, minutes: number | undefined) {
  if (!iso || minutes === undefined) return undefined;
  return new Date(Date.parse(iso) + minutes * MINUTE).toISOString();
}

/** Step number and count of a canary or linear shift at a weight. */
export function stepOf(
  strategy: DeploymentStrategy,
  shiftedPercent: number,
): { step?: number; totalSteps?: number } {
  const p = strategy.stepPercent;
  if (strategy.kind === 'CANARY' && p) {
    let step = 0;
    if (shiftedPercent >= 100) step = 2;
    else if (shiftedPercent > 0) step = 1;
    return { step, totalSteps: 2 };
  }
  if (strategy.kind === 'LINEAR' && p) {
    const totalSteps = Math.ceil(100 / p);
    return {
      step: Math.min(totalSteps, Math.ceil(shiftedPercent / p - 1e-9)),
      totalSteps,
    };
  }
  return {};
}

/**
 * Where a CodeDeploy ECS deployment's traffic shift stands, from its status,
 * its target's lifecycle events and the green task set's weight. Steps are
 * timed from the start of `AllowTraffic`, as CodeDeploy times them.
 */
export function codeDeployShift(input: {
  deploymentId: string;
  status: DeploymentStatus;
  strategy: DeploymentStrategy;
  events: LifecycleEvent[];
  greenWeight: number;
}): TrafficShift {
  const { status, strategy, events, greenWeight } = input;
  const allow = events.find(e => e.name === 'AllowTraffic');
  const lastDone = [...events].reverse().find(e => e.endedAt);
  const { step, totalSteps } = stepOf(strategy, greenWeight);
  let phase: TrafficShift['phase'];
  if (status === 'WAITING') phase = 'WAITING';
  else if (status === 'BAKING') phase = 'BAKING';
  else if (!['PENDING', 'IN_PROGRESS'].includes(status)) phase = 'DONE';
  else if (
    allow?.status === 'IN_PROGRESS' ||
    (greenWeight > 0 && greenWeight < 100)
  ) {
    phase = 'SHIFTING';
  } else if (allow?.status === 'SUCCEEDED') phase = 'BAKING';
  else phase = 'PROVISIONING';

  const shift: TrafficShift = {
    deploymentId: input.deploymentId,
    phase,
    shiftedPercent: greenWeight,
  };
  if (step !== undefined) {
    shift.step = step;
    shift.totalSteps = totalSteps;
  }
  if (
    phase === 'SHIFTING' &&
    allow?.startedAt &&
    step !== undefined &&
    totalSteps !== undefined &&
    step < totalSteps
  ) {
    shift.nextStepAt = addMinutes(
      allow.startedAt,
      (strategy.stepIntervalMinutes ?? 0) * Math.max(step, 1),
    );
  }
  if (phase === 'BAKING') {
    const bakeStart = allow?.endedAt ?? lastDone?.endedAt;
    const ends = addMinutes(bakeStart, strategy.bakeTimeMinutes);
    if (ends) shift.bakeTimeEndsAt = ends;
  }
  return shift;
}

const PROVISIONING_STAGES = new Set([
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
]);

/**
 * Where an ECS native deployment's shift stands, from its lifecycle stage
 * and the target revision's requested production weight. ECS reports no
 * step start times, so the next step is timed from the deployment's last
 * update.
 */
export function ecsShift(input: {
  deploymentId: string;
  status: DeploymentStatus;
  strategy: DeploymentStrategy;
  lifecycleStage?: string;
  productionWeight?: number;
  updatedAt?: string;
}): TrafficShift {
  const { status, strategy, lifecycleStage } = input;
  const shiftedPercent =
    input.productionWeight ?? (status === 'SUCCEEDED' ? 100 : 0);
  let phase: TrafficShift['phase'];
  if (status === 'WAITING') phase = 'WAITING';
  else if (
    !['PENDING', 'IN_PROGRESS', 'BAKING', 'ROLLING_BACK'].includes(status)
  ) {
    phase = 'DONE';
  } else if (lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT') phase = 'SHIFTING';
  else if (
    lifecycleStage === 'BAKE_TIME' ||
    lifecycleStage === 'POST_PRODUCTION_TRAFFIC_SHIFT' ||
    lifecycleStage === 'CLEAN_UP'
  ) {
    phase = 'BAKING';
  } else if (!lifecycleStage || PROVISIONING_STAGES.has(lifecycleStage)) {
    phase = 'PROVISIONING';
  } else phase = 'SHIFTING';

  const shift: TrafficShift = {
    deploymentId: input.deploymentId,
    phase,
    shiftedPercent,
    ...stepOf(strategy, shiftedPercent),
  };
  if (
    phase === 'SHIFTING' &&
    shift.step !== undefined &&
    shift.totalSteps !== undefined &&
    shift.step < shift.totalSteps
  ) {
    const next = addMinutes(input.updatedAt, strategy.stepIntervalMinutes);
    if (next) shift.nextStepAt = next;
  }
  if (lifecycleStage === 'BAKE_TIME') {
    const ends = addMinutes(input.updatedAt, strategy.bakeTimeMinutes);
    if (ends) shift.bakeTimeEndsAt = ends;
  }
  return shift;
}

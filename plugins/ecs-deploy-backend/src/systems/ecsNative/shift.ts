import {
  DeploymentStatus,
  DeploymentStrategy,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ShiftPosition } from '../../traffic/ShiftPosition';
import { addMinutes, stepOf } from '../../traffic/steps';

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
}): ShiftPosition {
  const { status, strategy, lifecycleStage } = input;
  const shiftedPercent =
    input.productionWeight ?? (status === 'SUCCEEDED' ? 100 : 0);
  let phase: ShiftPosition['phase'];
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

  const shift: ShiftPosition = {
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

import {
  DeploymentStatus,
  DeploymentStrategy,
  LifecycleEvent,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ShiftPosition } from '../../traffic/ShiftPosition';
import { addMinutes, stepOf } from '../../traffic/steps';

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
}): ShiftPosition {
  const { status, strategy, events, greenWeight } = input;
  const allow = events.find(e => e.name === 'AllowTraffic');
  const lastDone = [...events].reverse().find(e => e.endedAt);
  const { step, totalSteps } = stepOf(strategy, greenWeight);
  let phase: ShiftPosition['phase'];
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

  const shift: ShiftPosition = {
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

import { DeploymentStrategy } from '@ecs-deploy/plugin-ecs-deploy-common';

const MINUTE = 60_000;

/** `iso` plus `minutes`, when both are known. */
export function addMinutes(
  iso: string | undefined,
  minutes: number | undefined,
) {
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

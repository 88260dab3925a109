import type { DeploymentConfigRecord, TrafficRoutingConfig } from './model';

const predefined = (
  deploymentConfigName: string,
  deploymentConfigId: string,
  trafficRoutingConfig: TrafficRoutingConfig,
): DeploymentConfigRecord => ({
  deploymentConfigId,
  deploymentConfigName,
  computePlatform: 'ECS',
  trafficRoutingConfig,
  minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 0 },
  createTime: Date.UTC(2018, 10, 27),
});

/**
 * The ECS deployment configurations AWS predefines in every account and
 * region (their ids are fixed per name in AWS too).
 *
 * @public
 */
export const PREDEFINED_ECS_CONFIGS: DeploymentConfigRecord[] = [
  predefined(
    'CodeDeployDefault.ECSAllAtOnce',
    '0b2d9e9c-0000-4000-8000-000000000001',
    { type: 'AllAtOnce' },
  ),
  predefined(
    'CodeDeployDefault.ECSCanary10Percent5Minutes',
    '0b2d9e9c-0000-4000-8000-000000000002',
    {
      type: 'TimeBasedCanary',
      timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 },
    },
  ),
  predefined(
    'CodeDeployDefault.ECSCanary10Percent15Minutes',
    '0b2d9e9c-0000-4000-8000-000000000003',
    {
      type: 'TimeBasedCanary',
      timeBasedCanary: { canaryPercentage: 10, canaryInterval: 15 },
    },
  ),
  predefined(
    'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
    '0b2d9e9c-0000-4000-8000-000000000004',
    {
      type: 'TimeBasedLinear',
      timeBasedLinear: { linearPercentage: 10, linearInterval: 1 },
    },
  ),
  predefined(
    'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
    '0b2d9e9c-0000-4000-8000-000000000005',
    {
      type: 'TimeBasedLinear',
      timeBasedLinear: { linearPercentage: 10, linearInterval: 3 },
    },
  ),
];

/** One step of a traffic shift: green weight and how long it holds. @public */
export interface ShiftStep {
  greenWeight: number;
  /** minutes before the next step (0 for the last) */
  holdMinutes: number;
}

/**
 * The production traffic steps a config produces: all at once (100), canary
 * (X, then 100 after the interval) or linear (X, 2X, ... each after the
 * interval, ending at 100).
 *
 * @public
 */
export function shiftPlan(
  config: TrafficRoutingConfig | undefined,
): ShiftStep[] {
  if (config?.type === 'TimeBasedCanary' && config.timeBasedCanary) {
    const { canaryPercentage, canaryInterval } = config.timeBasedCanary;
    return [
      { greenWeight: canaryPercentage, holdMinutes: canaryInterval },
      { greenWeight: 100, holdMinutes: 0 },
    ];
  }
  if (config?.type === 'TimeBasedLinear' && config.timeBasedLinear) {
    const { linearPercentage, linearInterval } = config.timeBasedLinear;
    const steps: ShiftStep[] = [];
    for (let w = linearPercentage; w < 100; w += linearPercentage) {
      steps.push({ greenWeight: w, holdMinutes: linearInterval });
    }
    steps.push({ greenWeight: 100, holdMinutes: 0 });
    return steps;
  }
  return [{ greenWeight: 100, holdMinutes: 0 }];
}

/** Total minutes a config takes to move all production traffic. @public */
export function shiftMinutes(config: TrafficRoutingConfig | undefined): number {
  return shiftPlan(config).reduce((sum, step) => sum + step.holdMinutes, 0);
}

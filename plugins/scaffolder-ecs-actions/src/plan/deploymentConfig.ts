import type { TrafficRoutingConfig } from '@aws-sdk/client-codedeploy';

/**
 * How a deployment moves traffic, in the template's words.
 *
 * @public
 */
export interface TrafficShift {
  type: 'all-at-once' | 'canary' | 'linear';
  percentage?: number;
  intervalMinutes?: number;
}

/** CodeDeploy's predefined ECS configs, by what they do. */
const PREDEFINED: Record<string, string> = {
  'all-at-once': 'CodeDeployDefault.ECSAllAtOnce',
  'canary-10-5': 'CodeDeployDefault.ECSCanary10Percent5Minutes',
  'canary-10-15': 'CodeDeployDefault.ECSCanary10Percent15Minutes',
  'linear-10-1': 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
  'linear-10-3': 'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
};

/**
 * The deployment config to use: a named one as given, a predefined one when
 * the shift matches it, else a custom config (created once per account and
 * reused by every service with the same shift, hence the descriptive name).
 *
 * @public
 */
export function resolveDeploymentConfig(
  deploymentConfigName: string | undefined,
  shift: TrafficShift,
): { name: string; custom?: TrafficRoutingConfig } {
  if (deploymentConfigName) return { name: deploymentConfigName };
  if (shift.type === 'all-at-once') return { name: PREDEFINED['all-at-once'] };
  const percentage = shift.percentage ?? 10;
  const interval = shift.intervalMinutes ?? (shift.type === 'canary' ? 5 : 1);
  const predefined = PREDEFINED[`${shift.type}-${percentage}-${interval}`];
  if (predefined) return { name: predefined };
  if (shift.type === 'canary') {
    return {
      name: `EcsDeploy.Canary${percentage}Percent${interval}Minutes`,
      custom: {
        type: 'TimeBasedCanary',
        timeBasedCanary: {
          canaryPercentage: percentage,
          canaryInterval: interval,
        },
      },
    };
  }
  return {
    name: `EcsDeploy.Linear${percentage}PercentEvery${interval}Minutes`,
    custom: {
      type: 'TimeBasedLinear',
      timeBasedLinear: {
        linearPercentage: percentage,
        linearInterval: interval,
      },
    },
  };
}

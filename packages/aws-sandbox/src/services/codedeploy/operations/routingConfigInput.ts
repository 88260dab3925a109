import { AwsError } from '../../../core/AwsError';
import type { TrafficRoutingConfig } from '../model';

/**
 * CreateDeploymentConfig's `trafficRoutingConfig`, checked as AWS checks it
 * (percentages 1-99, intervals 1-2880 minutes).
 */
export function validateRouting(value: any): TrafficRoutingConfig | undefined {
  if (value === undefined || value === null) return undefined;
  const invalid = (message: string) =>
    new AwsError('InvalidTrafficRoutingConfigurationException', message);
  const percent = (n: unknown) =>
    typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 99;
  const minutes = (n: unknown) =>
    typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 2880;
  switch (value.type) {
    case 'AllAtOnce':
      return { type: 'AllAtOnce' };
    case 'TimeBasedCanary': {
      const c = value.timeBasedCanary;
      if (!percent(c?.canaryPercentage) || !minutes(c?.canaryInterval)) {
        throw invalid(
          'timeBasedCanary needs canaryPercentage 1-99 and canaryInterval 1-2880',
        );
      }
      return { type: 'TimeBasedCanary', timeBasedCanary: c };
    }
    case 'TimeBasedLinear': {
      const l = value.timeBasedLinear;
      if (!percent(l?.linearPercentage) || !minutes(l?.linearInterval)) {
        throw invalid(
          'timeBasedLinear needs linearPercentage 1-99 and linearInterval 1-2880',
        );
      }
      return { type: 'TimeBasedLinear', timeBasedLinear: l };
    }
    default:
      throw invalid(`The traffic routing type ${value.type} is not valid`);
  }
}

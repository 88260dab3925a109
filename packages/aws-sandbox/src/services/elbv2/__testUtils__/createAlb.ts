import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  createBlueGreenAlb as createAlb,
  sdkFleetCaller,
  type BlueGreenAlb,
} from '../../../testing';

/** The fleet ALB (`createBlueGreenAlb` of `testing/`) through an SDK client. */
export function createBlueGreenAlb(
  elb: ElasticLoadBalancingV2Client,
  name: string,
): Promise<BlueGreenAlb> {
  return createAlb(sdkFleetCaller({ elbv2: elb }), { name });
}

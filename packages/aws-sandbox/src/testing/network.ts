/**
 * The VPC, subnets and security group fleet resources are placed in. The
 * sandbox does not model networks; realistic ids keep the console-like
 * views of the demo fleet plausible.
 *
 * @public
 */
export interface FleetNetwork {
  vpcId: string;
  subnets: string[];
  securityGroups: string[];
}

/** @public */
export const FLEET_NETWORK: FleetNetwork = {
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
  securityGroups: ['sg-0a1b2c3d4e5f60719'],
};

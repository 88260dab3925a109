/** `lib/network.ts`: the platform's subnets, their VPC and security groups. */
export const networkSource = `import { Annotations, ContextProvider } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import type { Construct } from 'constructs';
import type { EnvironmentSettings } from './settings-types';

/** The platform's network of one environment, shared with other services. */
export interface EnvironmentNetwork {
  vpc: ec2.IVpc;
  subnets: ec2.ISubnet[];
  /** Absent when the platform names none: CDK then creates groups of the service's own. */
  securityGroups?: ec2.ISecurityGroup[];
}

interface SubnetFacts {
  VpcId: string;
  AvailabilityZone: string;
}

/**
 * The platform's subnets and security groups. Its config names the subnets,
 * not their VPC, which target groups need: \`cdk synth\` looks each subnet up
 * once and keeps the answer in cdk.context.json (commit that file).
 */
export function environmentNetwork(
  scope: Construct,
  environment: EnvironmentSettings,
): EnvironmentNetwork {
  const facts = environment.subnets.map(id => lookUpSubnet(scope, id));
  const vpcIds = [...new Set(facts.map(f => f.VpcId))];
  if (vpcIds.length !== 1) {
    throw new Error(
      'The subnets of ' +
        environment.name +
        ' must be in one VPC, found ' +
        vpcIds.join(', '),
    );
  }
  const subnets = environment.subnets.map((subnetId, i) =>
    ec2.Subnet.fromSubnetAttributes(scope, 'Subnet' + i, {
      subnetId,
      availabilityZone: facts[i].AvailabilityZone,
    }),
  );
  Annotations.of(scope).acknowledgeWarning(
    '@aws-cdk/aws-ec2:noSubnetRouteTableId',
    'Nothing here reads route tables',
  );
  const vpc = ec2.Vpc.fromVpcAttributes(scope, 'Vpc', {
    vpcId: vpcIds[0],
    availabilityZones: [...new Set(facts.map(f => f.AvailabilityZone))],
  });
  const securityGroups = environment.securityGroups.length
    ? environment.securityGroups.map((id, i) =>
        // Not mutable: the platform's groups get no rules from this app.
        ec2.SecurityGroup.fromSecurityGroupId(scope, 'SecurityGroup' + i, id, {
          mutable: false,
        }),
      )
    : undefined;
  return { vpc, subnets, securityGroups };
}

/** A lookup through the Cloud Control API with the bootstrap lookup role. */
function lookUpSubnet(scope: Construct, subnetId: string): SubnetFacts {
  const found: SubnetFacts[] = ContextProvider.getValue(scope, {
    provider: cxschema.ContextProvider.CC_API_PROVIDER,
    props: {
      typeName: 'AWS::EC2::Subnet',
      exactIdentifier: subnetId,
      propertiesToReturn: ['VpcId', 'AvailabilityZone'],
    },
    dummyValue: [{ VpcId: 'vpc-12345678', AvailabilityZone: 'dummy-1a' }],
  }).value;
  return found[0];
}
`;

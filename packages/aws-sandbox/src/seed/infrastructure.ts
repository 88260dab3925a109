import type { FleetService } from './catalog';
import { entityTags } from './names';

/*
 * Shared by the seeding steps that create a service's AWS resources through
 * the sandbox's own operations (the same handlers and validation an SDK call
 * gets): where a service runs, what was created, and the fleet's network.
 */

/** @public */
export interface Placement {
  accountId: string;
  region: string;
  env: string;
}

/** What later seeding steps need to know about a created service. @public */
export interface CreatedService {
  serviceArn: string;
  blueTargetGroupArn: string;
  greenTargetGroupArn: string;
  prodListenerArn: string;
  testListenerArn: string;
  codeDeploy?: { applicationName: string; deploymentGroupName: string };
  pipelineName?: string;
}

export const VPC = 'vpc-0a1b2c3d4e5f60718';
export const SUBNETS = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'];
export const SECURITY_GROUP = 'sg-0a1b2c3d4e5f60719';

/** Tags as ECS takes them (`key`/`value`). */
export const ecsTags = (service: FleetService, env: string) =>
  entityTags(service, env).map(t => ({ key: t.key, value: t.value }));

/** Tags as ELBv2, ECR and CodeDeploy take them (`Key`/`Value`). */
export const awsTags = (service: FleetService, env: string) =>
  entityTags(service, env).map(t => ({ Key: t.key, Value: t.value }));

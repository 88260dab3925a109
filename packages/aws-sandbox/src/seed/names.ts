import { ownerTags, type ResourceTag } from '../testing/tags';
import type { FleetService } from './catalog';

/*
 * Resource names and tags the demo fleet uses: ALB
 * `<service>-<env>` and target groups `<svc>-<env>-blue|green`, both within
 * ELBv2's 32 characters, target group names keeping their suffix.
 */

const MAX = 32;

/** @public */
export function albName(service: string, env: string): string {
  return `${service}-${env}`.slice(0, MAX).replace(/-+$/, '');
}

/** @public */
export function targetGroupName(
  service: string,
  env: string,
  color: 'blue' | 'green',
): string {
  const suffix = `-${color}`;
  return `${`${service}-${env}`
    .slice(0, MAX - suffix.length)
    .replace(/-+$/, '')}${suffix}`;
}

/** @public */
export const clusterName = (env: string) => `storefront-${env}`;

/** @public */
export const pipelineName = (service: string, env: string) =>
  `${service}-${env}`;

/** CodeDeploy application and deployment group of a CODE_DEPLOY service. @public */
export const codeDeployNames = (service: string, env: string) => ({
  applicationName: `${service}-${env}`,
  deploymentGroupName: `${service}-${env}-dg`,
});

/** The infrastructure repository (CodeCommit) with each environment's deployment files. @public */
export const infraRepository = (service: string) => `${service}-infra`;

/** The owner tag of the service's entity, and the environment's tag. @public */
export function entityTags(
  service: FleetService | string,
  env?: string,
): ResourceTag[] {
  const name = typeof service === 'string' ? service : service.name;
  return ownerTags(
    `component:default/${name}`,
    env ? { environment: env } : {},
  );
}

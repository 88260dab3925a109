/*
 * ARNs of resources that may not exist yet. AWS derives them from names, so the
 * catalog-info.yaml can name a service's ARNs before the service is created and
 * stay right after.
 */

/** @public */
export function ecsServiceArn(o: {
  accountId: string;
  region: string;
  cluster: string;
  serviceName: string;
}): string {
  return `arn:aws:ecs:${o.region}:${o.accountId}:service/${o.cluster}/${o.serviceName}`;
}

/** @public */
export function pipelineArn(o: {
  accountId: string;
  region: string;
  pipelineName: string;
}): string {
  return `arn:aws:codepipeline:${o.region}:${o.accountId}:${o.pipelineName}`;
}

/** @public */
export function codeDeployApplicationArn(o: {
  accountId: string;
  region: string;
  application: string;
}): string {
  return `arn:aws:codedeploy:${o.region}:${o.accountId}:application:${o.application}`;
}

/** @public */
export function codeDeployGroupArn(o: {
  accountId: string;
  region: string;
  application: string;
  deploymentGroup: string;
}): string {
  return `arn:aws:codedeploy:${o.region}:${o.accountId}:deploymentgroup:${o.application}/${o.deploymentGroup}`;
}

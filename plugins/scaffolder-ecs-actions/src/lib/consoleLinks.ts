/*
 * AWS console addresses for the resources the actions create, so the task
 * output and the template's links lead straight to them.
 */

const base = (region: string) => `https://${region}.console.aws.amazon.com`;
const enc = encodeURIComponent;

/** @public */
export const consoleLinks = {
  ecsService: (region: string, cluster: string, service: string) =>
    `${base(region)}/ecs/v2/clusters/${enc(cluster)}/services/${enc(
      service,
    )}/health?region=${region}`,
  taskDefinition: (region: string, family: string, revision: number | string) =>
    `${base(region)}/ecs/v2/task-definitions/${enc(
      family,
    )}/${revision}?region=${region}`,
  targetGroup: (region: string, arn: string) =>
    `${base(
      region,
    )}/ec2/home?region=${region}#TargetGroup:targetGroupArn=${arn}`,
  loadBalancer: (region: string, arn: string) =>
    `${base(
      region,
    )}/ec2/home?region=${region}#LoadBalancer:loadBalancerArn=${arn}`,
  codeDeployGroup: (region: string, application: string, group: string) =>
    `${base(region)}/codesuite/codedeploy/applications/${enc(
      application,
    )}/deployment-groups/${enc(group)}?region=${region}`,
  pipeline: (region: string, name: string) =>
    `${base(region)}/codesuite/codepipeline/pipelines/${enc(
      name,
    )}/view?region=${region}`,
  ecrRepository: (region: string, accountId: string, name: string) =>
    `${base(
      region,
    )}/ecr/repositories/private/${accountId}/${name}?region=${region}`,
};

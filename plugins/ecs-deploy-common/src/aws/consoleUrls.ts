import { AwsPartition, partitionOfRegion } from './partition';

/*
 * AWS Management Console pages of the resources the suite shows. The console
 * is per partition: the commercial one has regional hosts, China and
 * GovCloud (US) one host each; every page names its region in `?region=`.
 */

const CONSOLE_HOST: Record<AwsPartition, (region: string) => string> = {
  aws: region => `${region}.console.aws.amazon.com`,
  'aws-cn': () => 'console.amazonaws.cn',
  'aws-us-gov': () => 'console.amazonaws-us-gov.com',
};

/**
 * The console host for a region.
 *
 * @public
 */
export function consoleHost(region: string): string {
  return CONSOLE_HOST[partitionOfRegion(region)](region);
}

const e = encodeURIComponent;

function consoleUrl(region: string, path: string, fragment = ''): string {
  return `https://${consoleHost(region)}/${path}?region=${e(region)}${
    fragment ? `#${fragment}` : ''
  }`;
}

/** The EC2 console names its load balancing pages in the fragment. */
const ec2ConsoleUrl = (resource: RegionalArn, page: string) =>
  consoleUrl(resource.region, 'ec2/home', `${page}=${resource.arn}`);

/**
 * An ECS service's page: its health tab, or its deployments tab.
 *
 * @public
 */
export function ecsServiceConsoleUrl(
  service: { region: string; cluster: string; serviceName: string },
  tab: 'health' | 'deployments' = 'health',
): string {
  return consoleUrl(
    service.region,
    `ecs/v2/clusters/${e(service.cluster)}/services/${e(
      service.serviceName,
    )}/${tab}`,
  );
}

/** One task's page. @public */
export function ecsTaskConsoleUrl(task: {
  region: string;
  cluster: string;
  taskId: string;
}): string {
  return consoleUrl(
    task.region,
    `ecs/v2/clusters/${e(task.cluster)}/tasks/${e(task.taskId)}/configuration`,
  );
}

/** A task definition revision's page. @public */
export function ecsTaskDefinitionConsoleUrl(taskDefinition: {
  region: string;
  family: string;
  revision: number;
}): string {
  return consoleUrl(
    taskDefinition.region,
    `ecs/v2/task-definitions/${e(taskDefinition.family)}/${
      taskDefinition.revision
    }/containers`,
  );
}

/** A resource named by its ARN, in the region whose console shows it. @public */
export interface RegionalArn {
  /** The region the resource is in. */
  region: string;
  /** The resource's ARN. */
  arn: string;
}

/** A target group's page (EC2 console). @public */
export function targetGroupConsoleUrl(targetGroup: RegionalArn): string {
  return ec2ConsoleUrl(targetGroup, 'TargetGroup:targetGroupArn');
}

/** A load balancer's page (EC2 console). @public */
export function loadBalancerConsoleUrl(loadBalancer: RegionalArn): string {
  return ec2ConsoleUrl(loadBalancer, 'LoadBalancer:loadBalancerArn');
}

/** A CodeDeploy deployment group's page. @public */
export function codeDeployGroupConsoleUrl(group: {
  region: string;
  application: string;
  deploymentGroup: string;
}): string {
  return consoleUrl(
    group.region,
    `codesuite/codedeploy/applications/${e(
      group.application,
    )}/deployment-groups/${e(group.deploymentGroup)}`,
  );
}

/** A CodeDeploy deployment's page. @public */
export function codeDeployDeploymentConsoleUrl(deployment: {
  region: string;
  deploymentId: string;
}): string {
  return consoleUrl(
    deployment.region,
    `codesuite/codedeploy/deployments/${e(deployment.deploymentId)}`,
  );
}

/** A pipeline's page. @public */
export function pipelineConsoleUrl(pipeline: {
  region: string;
  name: string;
}): string {
  return consoleUrl(
    pipeline.region,
    `codesuite/codepipeline/pipelines/${e(pipeline.name)}/view`,
  );
}

/** A pipeline execution's timeline. @public */
export function pipelineExecutionConsoleUrl(execution: {
  region: string;
  name: string;
  executionId: string;
}): string {
  return consoleUrl(
    execution.region,
    `codesuite/codepipeline/pipelines/${e(execution.name)}/executions/${e(
      execution.executionId,
    )}/timeline`,
  );
}

/** An ECR repository's page; repository names keep their `/`. @public */
export function ecrRepositoryConsoleUrl(repository: {
  region: string;
  accountId: string;
  name: string;
}): string {
  return consoleUrl(
    repository.region,
    `ecr/repositories/private/${repository.accountId}/${repository.name}`,
  );
}

/** One image of an ECR repository, by digest (`sha256:...`). @public */
export function ecrImageConsoleUrl(image: {
  region: string;
  accountId: string;
  name: string;
  digest: string;
}): string {
  return consoleUrl(
    image.region,
    `ecr/repositories/private/${image.accountId}/${image.name}/_/image/${image.digest}/details`,
  );
}

import { assertAwsName, elbResourceName } from '../lib/names';
import { logGroupName, taskFamily } from '../render/taskDefinition';

/**
 * Every AWS name of a service in one environment, derived from the component
 * name and the environment, so that no input can point an action at a
 * resource with another name.
 *
 * @public
 */
export interface ServiceNames {
  service: string;
  container: string;
  taskFamily: string;
  logGroup: string;
  /** The ALB of its own (CODE_DEPLOY, or ECS without a shared ALB). */
  loadBalancer: string;
  blueTargetGroup: string;
  greenTargetGroup: string;
  application: string;
  deploymentGroup: string;
  pipeline: string;
  ecrRepository: string;
}

/** The ECR repository of a component, shared by all its environments. @public */
export function ecrRepositoryName(name: string): string {
  assertAwsName('ecrRepository', 'name', name);
  return name;
}

/** @public */
export function serviceNames(name: string, environment: string): ServiceNames {
  const base = `${name}-${environment}`;
  const names: ServiceNames = {
    service: name,
    container: name,
    taskFamily: taskFamily(name, environment),
    logGroup: logGroupName(name, environment),
    loadBalancer: elbResourceName(base),
    blueTargetGroup: elbResourceName(base, 'blue'),
    greenTargetGroup: elbResourceName(base, 'green'),
    application: name,
    deploymentGroup: base,
    pipeline: base,
    ecrRepository: ecrRepositoryName(name),
  };
  assertAwsName('ecsService', 'name', names.service);
  assertAwsName('taskFamily', 'name', names.taskFamily);
  assertAwsName('elbName', 'name', names.loadBalancer);
  assertAwsName('elbName', 'name', names.blueTargetGroup);
  assertAwsName('elbName', 'name', names.greenTargetGroup);
  assertAwsName('codeDeployName', 'name', names.deploymentGroup);
  assertAwsName('pipelineName', 'name', names.pipeline);
  return names;
}

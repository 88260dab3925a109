import {
  AnnotationKeys,
  DeploymentControllerKind,
  DeploymentStrategy,
  EcrRepositoryRef,
  EcsServiceRef,
  PipelineRef,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * One environment of an entity with every AWS resource resolved, from
 * annotations or tags. Everything the backend touches comes from here, never
 * from the HTTP request.
 */
export interface ResolvedEnvironment {
  name: string;
  accountId: string;
  region: string;
  service?: EcsServiceRef;
  pipeline?: PipelineRef;
  codeDeploy?: { application: string; deploymentGroup: string };
  ecrRepository?: EcrRepositoryRef;
  /** The annotations the resources came from; a discovered one has none. */
  annotationKeys?: AnnotationKeys;
}

/** A task set as read from ECS (JSON, cacheable). */
export interface TaskSetState {
  id: string;
  arn?: string;
  status: string;
  taskDefinitionArn?: string;
  runningCount: number;
  desiredCount: number;
  pendingCount: number;
  scalePercent?: number;
  targetGroupArns: string[];
  createdAt?: string;
  externalId?: string;
  startedBy?: string;
}

/** An ECS service as read from DescribeServices (JSON, cacheable). */
export interface ServiceState {
  arn: string;
  name: string;
  cluster: string;
  status: string;
  runningCount: number;
  desiredCount: number;
  pendingCount: number;
  controller: DeploymentControllerKind;
  strategy: DeploymentStrategy;
  taskDefinitionArn?: string;
  loadBalancers: Array<{
    targetGroupArn?: string;
    alternateTargetGroupArn?: string;
    productionListenerRule?: string;
    testListenerRule?: string;
  }>;
  taskSets: TaskSetState[];
  deployments: Array<{
    id: string;
    status: string;
    taskDefinitionArn?: string;
    rolloutState?: string;
    createdAt?: string;
    runningCount: number;
    desiredCount: number;
    pendingCount: number;
  }>;
}

/** A CodeDeploy deployment group, reduced to what the readers need. */
export interface DeploymentGroupState {
  application: string;
  deploymentGroup: string;
  deploymentConfigName: string;
  ecsServices: Array<{ serviceName: string; clusterName: string }>;
  targetGroupNames: string[];
  prodListenerArns: string[];
  testListenerArns: string[];
  terminationWaitMinutes?: number;
  readyWaitAction?: string;
  readyWaitMinutes?: number;
}

/** A CodeDeploy deployment config's traffic routing. */
export interface DeploymentConfigState {
  name: string;
  type: 'AllAtOnce' | 'TimeBasedCanary' | 'TimeBasedLinear';
  percent?: number;
  intervalMinutes?: number;
}

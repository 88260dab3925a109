import { NetworkConfiguration } from '@aws-sdk/client-ecs';
import {
  DeploymentControllerKind,
  DeploymentStrategy,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/*
 * What the gateways read from AWS, reduced to plain JSON so it caches.
 */

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
  /** `STEADY_STATE` once its tasks run and are healthy. */
  stabilityStatus?: string;
  /** The container its target groups route to. */
  container?: { name: string; port: number };
  /** How its tasks run, for a task set that replaces it. */
  launchType?: string;
  platformVersion?: string;
  networkConfiguration?: NetworkConfiguration;
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
  /** The newest of the service's events (what ECS started, stopped, reached). */
  latestEventId?: string;
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

/** Task definition and images of ECS service revisions, by revision ARN. */
export type RevisionIndex = Record<
  string,
  {
    taskDefinitionArn?: string;
    images: Array<{ containerName: string; image: string; digest?: string }>;
  }
>;

/** The containers of a task definition. */
export interface TaskDefinitionState {
  containers: Array<{ name: string; image: string }>;
}

/** A weighted target group of a forward action. */
export interface Forward {
  targetGroupArn: string;
  weight: number;
}

export interface ListenerState {
  arn: string;
  loadBalancerArn?: string;
  port: number;
  protocol?: string;
  forwards: Forward[];
}

export interface TargetGroupState {
  arn: string;
  name: string;
  loadBalancerArns: string[];
}

/** The latest run of a pipeline stage. */
export interface StageRun {
  executionId?: string;
  /** CodePipeline's status of the stage in that execution (`Failed`, ...). */
  status?: string;
}

/** A compact view of GetPipelineState. */
export interface PipelineWaitState {
  /** Execution ids that have an approval action waiting for a person. */
  waitingExecutionIds: string[];
  /** Stage and action names of waiting approvals, by execution id. */
  approvals: Record<string, { stageName: string; actionName: string }[]>;
  /** The latest run of each stage, by stage name. */
  stageRuns: Record<string, StageRun>;
}

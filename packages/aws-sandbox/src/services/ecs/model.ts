/*
 * The ECS store's records: plain JSON (times as epoch milliseconds) so they go
 * into the state file as they are. `render.ts` turns them into SDK shapes.
 */

export type ControllerType = 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL';

/** The fields of a container definition the sandbox reads; the rest is kept as given. */
export interface ContainerDefinitionDocument {
  name?: string;
  image?: string;
  environment?: { name?: string; value?: string }[];
  [field: string]: unknown;
}

/** A RegisterTaskDefinition document (without tags). */
export interface TaskDefinitionDocument {
  family?: string;
  containerDefinitions?: ContainerDefinitionDocument[];
  cpu?: string;
  memory?: string;
  [field: string]: unknown;
}

export interface LifecycleHookConfig {
  targetType?: string;
  hookTargetArn?: string;
  roleArn?: string;
  lifecycleStages?: string[];
  hookDetails?: { sandboxResult?: string; [field: string]: unknown };
  timeoutConfiguration?: {
    timeoutInMinutes?: number;
    action?: 'CONTINUE' | 'ROLLBACK';
  };
}

/** `deploymentConfiguration` as the SDK models define it (fields the sandbox acts on typed). */
export interface DeploymentConfigurationRecord {
  deploymentCircuitBreaker?: { enable?: boolean; rollback?: boolean };
  maximumPercent?: number;
  minimumHealthyPercent?: number;
  strategy?: string;
  bakeTimeInMinutes?: number;
  lifecycleHooks?: LifecycleHookConfig[];
  linearConfiguration?: {
    stepPercent?: number;
    stepBakeTimeInMinutes?: number;
  };
  canaryConfiguration?: {
    canaryPercent?: number;
    canaryBakeTimeInMinutes?: number;
  };
  [field: string]: unknown;
}
export type Strategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';

export interface ClusterRecord {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  status: 'ACTIVE' | 'INACTIVE';
  createdAt: number;
}

export interface TaskDefinitionRecord {
  arn: string;
  family: string;
  revision: number;
  accountId: string;
  region: string;
  status: 'ACTIVE' | 'INACTIVE';
  registeredAt: number;
  /** the registration document (RegisterTaskDefinition input without tags) */
  document: TaskDefinitionDocument;
}

export interface AdvancedConfigurationRecord {
  alternateTargetGroupArn?: string;
  productionListenerRule?: string;
  testListenerRule?: string;
  roleArn?: string;
}

export interface LoadBalancerRecord {
  targetGroupArn?: string;
  loadBalancerName?: string;
  containerName?: string;
  containerPort?: number;
  advancedConfiguration?: AdvancedConfigurationRecord;
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

/**
 * One entry of an ECS-controller service's `deployments` (PRIMARY, ACTIVE):
 * a task definition run at a count, registered with some target groups.
 */
export interface RolloutRecord {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinition: string;
  desiredCount: number;
  failedTasks: number;
  createdAt: number;
  updatedAt: number;
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
  revisionArn: string;
  targetGroupArns: string[];
}

export interface ServiceRecord {
  arn: string;
  name: string;
  clusterArn: string;
  clusterName: string;
  accountId: string;
  region: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  taskDefinition: string;
  launchType?: string;
  platformVersion?: string;
  schedulingStrategy: string;
  networkConfiguration?: unknown;
  loadBalancers: LoadBalancerRecord[];
  controller: ControllerType;
  deploymentConfiguration: DeploymentConfigurationRecord;
  roleArn?: string;
  createdAt: number;
  createdBy?: string;
  events: ServiceEventRecord[];
  currentServiceDeployment?: string;
  currentRevisionArn?: string;
  rollouts: RolloutRecord[];
  taskSetArns: string[];
  /** per load balancer: the target group serving production (native blue/green alternates) */
  liveTargetGroups: (string | undefined)[];
  steady: boolean;
}

export interface TaskSetRecord {
  arn: string;
  id: string;
  serviceArn: string;
  clusterArn: string;
  accountId: string;
  region: string;
  externalId?: string;
  startedBy?: string;
  status: 'PRIMARY' | 'ACTIVE' | 'DRAINING';
  taskDefinition: string;
  launchType?: string;
  networkConfiguration?: unknown;
  /** The CreateTaskSet `clientToken` it was created with. */
  clientToken?: string;
  loadBalancers: LoadBalancerRecord[];
  scale: { value: number; unit: 'PERCENT' };
  createdAt: number;
  updatedAt: number;
  stabilityStatusAt: number;
  stable: boolean;
}

export interface TaskRecord {
  arn: string;
  id: string;
  clusterArn: string;
  serviceArn: string;
  accountId: string;
  region: string;
  taskDefinitionArn: string;
  group: string;
  startedBy: string;
  /** rollout id or task set ARN */
  owner: string;
  launchType: string;
  createdAt: number;
  /** when the task reaches RUNNING (or fails, for a failing image) */
  startAt: number;
  willFail: boolean;
  lastStatus: 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'STOPPED';
  desiredStatus: 'RUNNING' | 'STOPPED';
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  stopCode?: string;
  containers: {
    name: string;
    image: string;
    exitCode?: number;
    reason?: string;
  }[];
  ip: string;
  port: number;
  targetGroupArns: string[];
}

export interface ServiceRevisionRecord {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  taskDefinition: string;
  launchType?: string;
  loadBalancers: LoadBalancerRecord[];
  containerImages: {
    containerName: string;
    image: string;
    imageDigest?: string;
  }[];
  createdAt: number;
}

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export type LifecycleStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

export interface HookRecord {
  hookId: string;
  stage: LifecycleStage;
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  targetArn?: string;
  status:
    | 'IN_PROGRESS'
    | 'AWAITING_ACTION'
    | 'SUCCEEDED'
    | 'FAILED'
    | 'TIMED_OUT';
  expiresAt?: number;
  timeoutAction?: 'CONTINUE' | 'ROLLBACK';
}

export interface ServiceDeploymentRecord {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  stoppedAt?: number;
  updatedAt: number;
  sourceRevisionArns: string[];
  targetRevisionArn: string;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  lifecycleStage?: LifecycleStage;
  strategy: Strategy;
  deploymentConfiguration: DeploymentConfigurationRecord;
  hooks: HookRecord[];
  rollback?: { reason: string; startedAt: number; serviceRevisionArn?: string };
  circuitBreakerStatus?:
    | 'TRIGGERED'
    | 'MONITORING'
    | 'MONITORING_COMPLETE'
    | 'DISABLED';
  // --- the machine's own bookkeeping ---
  stageEnteredAt: number;
  /** a timed wait in the current stage ends then (bake time, canary/linear step) */
  waitUntil?: number;
  /** production traffic on the target revision, percent */
  productionPercent: number;
  targetRolloutId: string;
  sourceRolloutId?: string;
  /** per load balancer: target group of the target revision and of the source */
  targetTargetGroups: (string | undefined)[];
  sourceTargetGroups: (string | undefined)[];
}

export interface EcsState {
  clusters: ClusterRecord[];
  taskDefinitions: TaskDefinitionRecord[];
  services: ServiceRecord[];
  taskSets: TaskSetRecord[];
  tasks: TaskRecord[];
  revisions: ServiceRevisionRecord[];
  deployments: ServiceDeploymentRecord[];
}

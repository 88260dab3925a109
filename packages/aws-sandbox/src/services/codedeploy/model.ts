/*
 * CodeDeploy's state as plain JSON records (so the state file can hold them).
 * Times are epoch milliseconds of the sandbox clock; field names follow the
 * SDK's shapes where a record is rendered more or less as is.
 */

/** @public */
export type DeploymentStatus =
  | 'Created'
  | 'Queued'
  | 'InProgress'
  | 'Baking'
  | 'Ready'
  | 'Succeeded'
  | 'Failed'
  | 'Stopped';

/** @public */
export type LifecycleEventStatus =
  | 'Pending'
  | 'InProgress'
  | 'Succeeded'
  | 'Failed'
  | 'Skipped'
  | 'Unknown';

/** The ECS blue/green lifecycle events, in the order CodeDeploy runs them. @public */
export const ECS_LIFECYCLE_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const;

/** @public */
export type EcsLifecycleEventName = (typeof ECS_LIFECYCLE_EVENTS)[number];

/** @public */
export interface ApplicationRecord {
  accountId: string;
  region: string;
  applicationId: string;
  applicationName: string;
  computePlatform: 'ECS' | 'Lambda' | 'Server';
  createTime: number;
}

/** @public */
export interface TrafficRoutingConfig {
  type: 'AllAtOnce' | 'TimeBasedCanary' | 'TimeBasedLinear';
  timeBasedCanary?: { canaryPercentage: number; canaryInterval: number };
  timeBasedLinear?: { linearPercentage: number; linearInterval: number };
}

/** @public */
export interface DeploymentConfigRecord {
  /** empty for the predefined ones, which exist in every account */
  accountId?: string;
  region?: string;
  deploymentConfigId: string;
  deploymentConfigName: string;
  computePlatform: 'ECS' | 'Lambda' | 'Server';
  trafficRoutingConfig?: TrafficRoutingConfig;
  minimumHealthyHosts?: { type?: string; value?: number };
  createTime: number;
}

/** @public */
export interface BlueGreenConfig {
  deploymentReadyOption?: {
    actionOnTimeout?: 'CONTINUE_DEPLOYMENT' | 'STOP_DEPLOYMENT';
    waitTimeInMinutes?: number;
  };
  terminateBlueInstancesOnDeploymentSuccess?: {
    action?: 'TERMINATE' | 'KEEP_ALIVE';
    terminationWaitTimeInMinutes?: number;
  };
  greenFleetProvisioningOption?: { action?: string };
}

/** @public */
export interface TargetGroupPairInfo {
  targetGroups?: { name?: string }[];
  prodTrafficRoute?: { listenerArns?: string[] };
  testTrafficRoute?: { listenerArns?: string[] };
}

/** @public */
export interface AutoRollbackConfig {
  enabled?: boolean;
  events?: string[];
}

/** @public */
export interface AlarmConfig {
  enabled?: boolean;
  ignorePollAlarmFailure?: boolean;
  alarms?: { name?: string }[];
}

/** @public */
export interface DeploymentGroupRecord {
  accountId: string;
  region: string;
  applicationName: string;
  deploymentGroupId: string;
  deploymentGroupName: string;
  deploymentConfigName: string;
  serviceRoleArn: string;
  computePlatform: 'ECS' | 'Lambda' | 'Server';
  ecsServices: { serviceName?: string; clusterName?: string }[];
  loadBalancerInfo?: { targetGroupPairInfoList?: TargetGroupPairInfo[] };
  blueGreenDeploymentConfiguration?: BlueGreenConfig;
  autoRollbackConfiguration?: AutoRollbackConfig;
  alarmConfiguration?: AlarmConfig;
  deploymentStyle?: { deploymentType?: string; deploymentOption?: string };
  lastSuccessfulDeploymentId?: string;
  lastAttemptedDeploymentId?: string;
}

/** @public */
export interface LifecycleEventRecord {
  lifecycleEventName: EcsLifecycleEventName;
  status: LifecycleEventStatus;
  startTime?: number;
  endTime?: number;
  diagnostics?: {
    errorCode?: string;
    scriptName?: string;
    message?: string;
    logTail?: string;
  };
}

/** Where a live deployment stands; `done` once it reached a final status. @public */
export type DeploymentPhase =
  | 'created'
  | 'lifecycle'
  | 'ready-wait'
  | 'shifting'
  | 'termination-wait'
  | 'rollback'
  | 'done';

/** A planned failure (appspec hook named `...fail...`, or the sandbox knob). @public */
export interface PlannedFailure {
  event: EcsLifecycleEventName;
  /** stop reason recorded on the replacement tasks */
  reason?: string;
  exitCode?: number;
  message?: string;
}

/** @public */
export interface DeploymentRecord {
  accountId: string;
  region: string;
  deploymentId: string;
  applicationName: string;
  deploymentGroupName: string;
  deploymentConfigName: string;
  status: DeploymentStatus;
  creator: string;
  description?: string;
  createTime: number;
  startTime?: number;
  completeTime?: number;
  /** appspec content of the revision */
  appSpecContent?: string;
  previousAppSpecContent?: string;
  /** task definition ARN named by the appspec */
  taskDefinition?: string;
  errorInformation?: { code: string; message: string };
  rollbackInfo?: {
    rollbackDeploymentId?: string;
    rollbackTriggeringDeploymentId?: string;
    rollbackMessage?: string;
  };
  autoRollbackConfiguration?: AutoRollbackConfig;
  instanceTerminationWaitTimeStarted?: boolean;
  /** the ECS service deployed to */
  clusterName: string;
  serviceName: string;
  /** blue = original, green = replacement */
  blueTargetGroup?: string;
  greenTargetGroup?: string;
  blueTaskSetArn?: string;
  greenTaskSetArn?: string;
  /** percent of production traffic on green */
  trafficWeight: number;
  /** percent of test traffic on green */
  testTrafficWeight: number;
  /** live state only (absent on imported history, which renders from times) */
  phase: DeploymentPhase;
  lifecycleEvents?: LifecycleEventRecord[];
  /** index into ECS_LIFECYCLE_EVENTS of the running event */
  eventIndex?: number;
  /** when the current step ends (event, shift step, wait) */
  nextAt?: number;
  /** green weight already reached in AllowTraffic */
  shiftStep?: number;
  failure?: PlannedFailure;
  /** hooks from the appspec by lifecycle event name */
  hooks?: Partial<Record<EcsLifecycleEventName, string>>;
  /** for seeded history: the running/stopped tasks' exit code of a failure */
  failedTaskExitCode?: number;
}

/** Everything the store holds, as the state file saves it. @public */
export interface CodeDeployState {
  /** the deployment id counter */
  seq: number;
  applications: ApplicationRecord[];
  groups: DeploymentGroupRecord[];
  /** custom deployment configs (the predefined ones are constants) */
  configs: DeploymentConfigRecord[];
  deployments: DeploymentRecord[];
  /** CloudWatch alarms in ALARM (`setAlarmState`) */
  alarms: string[];
  /** group key -> the failure its next deployment meets (`failNextDeployment`) */
  failures: [string, PlannedFailure][];
}

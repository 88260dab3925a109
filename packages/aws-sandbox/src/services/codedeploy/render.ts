import { createHash } from 'node:crypto';
import { ecsServiceArn } from '../../core/arns';
import type { SandboxWorld } from '../../world';
import type { CodeDeployStore } from './CodeDeployStore';
import {
  ECS_LIFECYCLE_EVENTS,
  type ApplicationRecord,
  type DeploymentConfigRecord,
  type DeploymentGroupRecord,
  type DeploymentRecord,
  type LifecycleEventRecord,
} from './model';

/*
 * Records to the SDK's output shapes (DeploymentInfo, DeploymentTarget, ...).
 * Dates are returned as Date objects; the JSON 1.1 layer writes epoch seconds.
 */

const date = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms);

export function renderApplication(app: ApplicationRecord) {
  return {
    applicationId: app.applicationId,
    applicationName: app.applicationName,
    createTime: date(app.createTime),
    linkedToGitHub: false,
    computePlatform: app.computePlatform,
  };
}

export function renderConfig(config: DeploymentConfigRecord) {
  return {
    deploymentConfigId: config.deploymentConfigId,
    deploymentConfigName: config.deploymentConfigName,
    minimumHealthyHosts: config.minimumHealthyHosts,
    createTime: date(config.createTime),
    computePlatform: config.computePlatform,
    trafficRoutingConfig: config.trafficRoutingConfig,
  };
}

export function renderGroup(
  group: DeploymentGroupRecord,
  store: CodeDeployStore,
) {
  const last = (id?: string) => {
    const d = id ? store.findDeployment(id) : undefined;
    return d
      ? {
          deploymentId: d.deploymentId,
          status: d.status,
          endTime: date(d.completeTime),
          createTime: date(d.createTime),
        }
      : undefined;
  };
  return {
    applicationName: group.applicationName,
    deploymentGroupId: group.deploymentGroupId,
    deploymentGroupName: group.deploymentGroupName,
    deploymentConfigName: group.deploymentConfigName,
    ec2TagFilters: [],
    onPremisesInstanceTagFilters: [],
    autoScalingGroups: [],
    serviceRoleArn: group.serviceRoleArn,
    triggerConfigurations: [],
    alarmConfiguration: group.alarmConfiguration ?? {
      enabled: false,
      ignorePollAlarmFailure: false,
      alarms: [],
    },
    autoRollbackConfiguration: group.autoRollbackConfiguration ?? {
      enabled: false,
    },
    deploymentStyle: group.deploymentStyle ?? {
      deploymentType: 'BLUE_GREEN',
      deploymentOption: 'WITH_TRAFFIC_CONTROL',
    },
    outdatedInstancesStrategy: 'UPDATE',
    blueGreenDeploymentConfiguration: group.blueGreenDeploymentConfiguration,
    loadBalancerInfo: group.loadBalancerInfo,
    lastSuccessfulDeployment: last(group.lastSuccessfulDeploymentId),
    lastAttemptedDeployment: last(group.lastAttemptedDeploymentId),
    computePlatform: group.computePlatform,
    ecsServices: group.ecsServices,
    terminationHookEnabled: false,
  };
}

function targetStatus(d: DeploymentRecord): string {
  switch (d.status) {
    case 'Created':
    case 'Queued':
      return 'Pending';
    case 'Stopped':
      return 'Failed';
    case 'Baking':
      return 'InProgress';
    default:
      return d.status;
  }
}

export function renderDeployment(d: DeploymentRecord, store: CodeDeployStore) {
  const group = store.groupOf(d);
  const overview = {
    Pending: 0,
    InProgress: 0,
    Succeeded: 0,
    Failed: 0,
    Skipped: 0,
    Ready: 0,
  };
  overview[targetStatus(d) as keyof typeof overview] += 1;
  const revision = (content?: string) =>
    content
      ? {
          revisionType: 'AppSpecContent',
          appSpecContent: {
            content,
            sha256: createHash('sha256').update(content).digest('hex'),
          },
        }
      : undefined;
  return {
    applicationName: d.applicationName,
    deploymentGroupName: d.deploymentGroupName,
    deploymentConfigName: d.deploymentConfigName,
    deploymentId: d.deploymentId,
    previousRevision: revision(d.previousAppSpecContent),
    revision: revision(d.appSpecContent),
    status: d.status,
    errorInformation: d.errorInformation,
    createTime: date(d.createTime),
    startTime: date(d.startTime),
    completeTime: date(d.completeTime),
    deploymentOverview: overview,
    description: d.description,
    creator: d.creator,
    ignoreApplicationStopFailures: false,
    autoRollbackConfiguration: d.autoRollbackConfiguration ?? {
      enabled: false,
    },
    updateOutdatedInstancesOnly: false,
    rollbackInfo: d.rollbackInfo,
    deploymentStyle: {
      deploymentType: 'BLUE_GREEN',
      deploymentOption: 'WITH_TRAFFIC_CONTROL',
    },
    instanceTerminationWaitTimeStarted: Boolean(
      d.instanceTerminationWaitTimeStarted,
    ),
    blueGreenDeploymentConfiguration: group?.blueGreenDeploymentConfiguration,
    loadBalancerInfo: group?.loadBalancerInfo,
    fileExistsBehavior: 'DISALLOW',
    deploymentStatusMessages: [],
    computePlatform: 'ECS',
  };
}

export function targetIdOf(d: DeploymentRecord): string {
  return `${d.clusterName}:${d.serviceName}`;
}

export function renderTarget(d: DeploymentRecord, world: SandboxWorld) {
  const events = d.lifecycleEvents ?? synthesizeEvents(d);
  const lastUpdatedAt =
    d.completeTime ??
    Math.max(
      d.createTime,
      ...events.flatMap(e => [e.startTime ?? 0, e.endTime ?? 0]),
    );
  return {
    deploymentTargetType: 'ECSTarget',
    ecsTarget: {
      deploymentId: d.deploymentId,
      targetId: targetIdOf(d),
      targetArn: ecsServiceArn(d, d.clusterName, d.serviceName),
      lastUpdatedAt: date(lastUpdatedAt),
      lifecycleEvents: events.map(e => ({
        lifecycleEventName: e.lifecycleEventName,
        diagnostics: e.diagnostics,
        startTime: date(e.startTime),
        endTime: date(e.endTime),
        status: e.status,
      })),
      status: targetStatus(d),
      taskSetsInfo: taskSets(d, world),
    },
  };
}

function taskSets(d: DeploymentRecord, world: SandboxWorld) {
  let desired = 1;
  try {
    desired = world.ecs.getService({
      accountId: d.accountId,
      region: d.region,
      cluster: d.clusterName,
      service: d.serviceName,
    }).desiredCount;
  } catch {
    // the service is gone (history): counts from the record alone
  }
  const live = d.phase !== 'done';
  const succeeded = d.status === 'Succeeded';
  const swapped =
    Boolean(d.instanceTerminationWaitTimeStarted) && (live || succeeded);
  const describe = (
    arn: string | undefined,
    label: 'Blue' | 'Green',
    fallbackRunning: number,
  ) => {
    const info = arn ? world.ecs.describeTaskSet(arn) : undefined;
    const id =
      info?.id ??
      (arn
        ? arn.slice(
            arn.indexOf(`/${d.serviceName}/`) + d.serviceName.length + 2,
          )
        : undefined) ??
      `ecs-svc/${syntheticId(d.deploymentId, label)}`;
    const weight = label === 'Green' ? d.trafficWeight : 100 - d.trafficWeight;
    const targetGroup =
      label === 'Green' ? d.greenTargetGroup : d.blueTargetGroup;
    const primary = label === 'Green' ? swapped : !swapped;
    return {
      identifer: id || `ecs-svc/${syntheticId(d.deploymentId, label)}`,
      desiredCount: info?.desiredCount ?? fallbackRunning,
      pendingCount: info?.pendingCount ?? 0,
      runningCount: info?.runningCount ?? fallbackRunning,
      status: primary ? 'PRIMARY' : 'ACTIVE',
      trafficWeight: weight,
      targetGroup: targetGroup ? { name: targetGroup } : undefined,
      taskSetLabel: label,
    };
  };
  const greenRunning = live || succeeded ? desired : 0;
  const blueRunning = live || !succeeded ? desired : 0;
  const sets = [describe(d.blueTaskSetArn, 'Blue', blueRunning)];
  if (d.creator !== 'codeDeployRollback') {
    sets.push(describe(d.greenTaskSetArn, 'Green', greenRunning));
  }
  return sets;
}

function syntheticId(deploymentId: string, label: string): string {
  const hex = createHash('sha1')
    .update(`${deploymentId}:${label}`)
    .digest('hex');
  return BigInt(`0x${hex.slice(0, 15)}`)
    .toString()
    .padStart(19, '9');
}

/** Index of the lifecycle event a finished deployment ended on. */
function endedAt(d: DeploymentRecord): number {
  if (d.status === 'Failed') {
    return ECS_LIFECYCLE_EVENTS.indexOf(d.failure?.event ?? 'Install');
  }
  if (d.status === 'Stopped')
    return ECS_LIFECYCLE_EVENTS.indexOf('AllowTraffic');
  return ECS_LIFECYCLE_EVENTS.length;
}

/**
 * Lifecycle events of a deployment imported as history: spread evenly over
 * its run, ending where it ended (failed event, stop at the ready wait).
 */
function synthesizeEvents(d: DeploymentRecord): LifecycleEventRecord[] {
  const start = d.startTime ?? d.createTime;
  const end = d.completeTime ?? start;
  const failedAt = endedAt(d);
  const ran = Math.min(failedAt + 1, ECS_LIFECYCLE_EVENTS.length);
  const slice = (end - start) / Math.max(ran, 1);
  return ECS_LIFECYCLE_EVENTS.map((name, i) => {
    if (d.creator === 'codeDeployRollback' || i < failedAt) {
      return {
        lifecycleEventName: name,
        status: 'Succeeded',
        startTime: Math.round(
          start +
            i *
              (d.creator === 'codeDeployRollback' ? (end - start) / 8 : slice),
        ),
        endTime: Math.round(
          start +
            (i + 1) *
              (d.creator === 'codeDeployRollback' ? (end - start) / 8 : slice),
        ),
      };
    }
    if (i === failedAt) {
      return {
        lifecycleEventName: name,
        status: 'Failed',
        startTime: Math.round(start + i * slice),
        endTime: end,
        diagnostics: d.failure
          ? {
              errorCode: name === 'Install' ? 'UnknownError' : 'ScriptFailed',
              scriptName: '',
              message: d.failure.message ?? d.failure.reason ?? 'Failed',
              logTail: '',
            }
          : undefined,
      };
    }
    return { lifecycleEventName: name, status: 'Skipped' };
  });
}

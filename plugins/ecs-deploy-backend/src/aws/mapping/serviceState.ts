import { Service, TaskSet } from '@aws-sdk/client-ecs';
import {
  DeploymentControllerKind,
  DeploymentStrategy,
  DeploymentStrategyKind,
  parseEcsClusterArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ServiceState, TaskSetState } from '../state';
import { iso } from '../../mapping/time';

function mapTaskSet(ts: TaskSet): TaskSetState {
  const routed = ts.loadBalancers?.find(l => l.targetGroupArn);
  return {
    id: ts.id ?? '',
    arn: ts.taskSetArn,
    status: ts.status ?? 'UNKNOWN',
    taskDefinitionArn: ts.taskDefinition,
    runningCount: ts.runningCount ?? 0,
    desiredCount: ts.computedDesiredCount ?? 0,
    pendingCount: ts.pendingCount ?? 0,
    scalePercent: ts.scale?.value,
    targetGroupArns: (ts.loadBalancers ?? [])
      .map(lb => lb.targetGroupArn)
      .filter((a): a is string => !!a),
    createdAt: iso(ts.createdAt),
    externalId: ts.externalId,
    startedBy: ts.startedBy,
    stabilityStatus: ts.stabilityStatus,
    ...(routed?.containerName && routed.containerPort
      ? {
          container: { name: routed.containerName, port: routed.containerPort },
        }
      : {}),
    launchType: ts.launchType,
    platformVersion: ts.platformVersion,
    networkConfiguration: ts.networkConfiguration,
  };
}

function ecsStrategy(service: Service): DeploymentStrategy {
  const controller = service.deploymentController?.type ?? 'ECS';
  if (controller === 'EXTERNAL') return { kind: 'EXTERNAL' };
  if (controller === 'CODE_DEPLOY') return { kind: 'BLUE_GREEN' };
  const config = service.deploymentConfiguration;
  const kind = (config?.strategy ?? 'ROLLING') as DeploymentStrategyKind;
  const strategy: DeploymentStrategy = { kind };
  if (kind !== 'ROLLING' && config?.bakeTimeInMinutes !== undefined) {
    strategy.bakeTimeMinutes = config.bakeTimeInMinutes;
  }
  if (kind === 'CANARY' && config?.canaryConfiguration) {
    strategy.stepPercent = config.canaryConfiguration.canaryPercent;
    strategy.stepIntervalMinutes =
      config.canaryConfiguration.canaryBakeTimeInMinutes;
  }
  if (kind === 'LINEAR' && config?.linearConfiguration) {
    strategy.stepPercent = config.linearConfiguration.stepPercent;
    strategy.stepIntervalMinutes =
      config.linearConfiguration.stepBakeTimeInMinutes;
  }
  return strategy;
}

export function mapService(service: Service): ServiceState {
  return {
    arn: service.serviceArn ?? '',
    name: service.serviceName ?? '',
    cluster: parseEcsClusterArn(service.clusterArn ?? '')?.cluster ?? '',
    status: service.status ?? 'UNKNOWN',
    runningCount: service.runningCount ?? 0,
    desiredCount: service.desiredCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    controller: (service.deploymentController?.type ??
      'ECS') as DeploymentControllerKind,
    strategy: ecsStrategy(service),
    taskDefinitionArn:
      service.taskDefinition ??
      service.taskSets?.find(t => t.status === 'PRIMARY')?.taskDefinition,
    loadBalancers: (service.loadBalancers ?? []).map(lb => ({
      targetGroupArn: lb.targetGroupArn,
      alternateTargetGroupArn:
        lb.advancedConfiguration?.alternateTargetGroupArn,
      productionListenerRule: lb.advancedConfiguration?.productionListenerRule,
      testListenerRule: lb.advancedConfiguration?.testListenerRule,
    })),
    taskSets: (service.taskSets ?? []).map(mapTaskSet),
    deployments: (service.deployments ?? []).map(d => ({
      id: d.id ?? '',
      status: d.status ?? 'UNKNOWN',
      taskDefinitionArn: d.taskDefinition,
      rolloutState: d.rolloutState,
      createdAt: iso(d.createdAt),
      runningCount: d.runningCount ?? 0,
      desiredCount: d.desiredCount ?? 0,
      pendingCount: d.pendingCount ?? 0,
    })),
    ...(service.events?.[0]?.id ? { latestEventId: service.events[0].id } : {}),
  };
}

import { DeploymentTarget as AwsTarget } from '@aws-sdk/client-codedeploy';
import {
  DeploymentTarget,
  LifecycleEvent,
  TaskSetInfo,
  fromCodeDeployLifecycleStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { durationMs, iso } from '../../mapping/time';

/** A CodeDeploy ECS target with its lifecycle events and task sets. */
export function mapCodeDeployTarget(target: AwsTarget): DeploymentTarget {
  const ecs = target.ecsTarget;
  const lifecycleEvents: LifecycleEvent[] = (ecs?.lifecycleEvents ?? []).map(
    e => {
      const startedAt = iso(e.startTime);
      const endedAt = iso(e.endTime);
      const event: LifecycleEvent = {
        name: e.lifecycleEventName ?? '',
        status: fromCodeDeployLifecycleStatus(e.status),
        awsStatus: e.status ?? 'Unknown',
        ...(startedAt ? { startedAt } : {}),
        ...(endedAt ? { endedAt } : {}),
      };
      const d = durationMs(startedAt, endedAt);
      if (d !== undefined) event.durationMs = d;
      const message = e.diagnostics?.message ?? e.diagnostics?.errorCode;
      if (message) event.message = message;
      return event;
    },
  );
  const taskSets: TaskSetInfo[] = (ecs?.taskSetsInfo ?? []).map(ts => ({
    id: ts.identifer ?? '',
    label: ts.taskSetLabel === 'Green' ? 'GREEN' : 'BLUE',
    status: ts.status ?? 'UNKNOWN',
    runningCount: ts.runningCount ?? 0,
    desiredCount: ts.desiredCount ?? 0,
    pendingCount: ts.pendingCount ?? 0,
    trafficWeight: ts.trafficWeight ?? 0,
    ...(ts.targetGroup?.name ? { targetGroupName: ts.targetGroup.name } : {}),
  }));
  return {
    id: ecs?.targetId ?? '',
    status: fromCodeDeployLifecycleStatus(ecs?.status),
    awsStatus: ecs?.status ?? 'Unknown',
    lifecycleEvents,
    taskSets,
  };
}

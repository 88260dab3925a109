import {
  EnvironmentTraffic,
  TaskSetInfo,
  TaskSetLabel,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ServiceState } from '../aws/state';
import { taskDefinitionRef } from '../mapping/taskDefinition';

function taskSetLabel(status: string): TaskSetLabel {
  if (status === 'PRIMARY' || status === 'DRAINING') return status;
  return 'ACTIVE';
}

/** The service's own task sets, labelled by their status. */
export function serviceTaskSets(service: ServiceState): TaskSetInfo[] {
  return service.taskSets.map(ts => ({
    id: ts.id,
    label: taskSetLabel(ts.status),
    status: ts.status,
    runningCount: ts.runningCount,
    desiredCount: ts.desiredCount,
    pendingCount: ts.pendingCount,
    ...(taskDefinitionRef(ts.taskDefinitionArn)
      ? { taskDefinition: taskDefinitionRef(ts.taskDefinitionArn) }
      : {}),
  }));
}

/**
 * Fills in production weights AWS did not report on the task set itself:
 * from the production listener by target group, or 100 for the only one.
 */
export function withWeights(
  taskSets: TaskSetInfo[],
  listeners: EnvironmentTraffic['listeners'],
): TaskSetInfo[] {
  const production = listeners.find(l => l.role === 'production');
  return taskSets.map(ts => {
    if (ts.trafficWeight !== undefined) return ts;
    const tg = production?.targetGroups.find(
      g => g.name === ts.targetGroupName,
    );
    if (tg) return { ...ts, trafficWeight: tg.percent };
    return taskSets.length === 1 ? { ...ts, trafficWeight: 100 } : ts;
  });
}

/**
 * Whether the service sits behind a load balancer, itself or through its
 * task sets. One without (a worker) takes no load-balanced traffic.
 */
export function isLoadBalanced(service: ServiceState): boolean {
  return (
    service.loadBalancers.length > 0 ||
    service.taskSets.some(t => t.targetGroupArns.length > 0)
  );
}

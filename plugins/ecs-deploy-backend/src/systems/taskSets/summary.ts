import {
  DeploymentSummary,
  formatDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { TaskSetState } from '../../aws/state';
import { finishSummary } from '../../mapping/finishSummary';
import { taskDefinitionRef } from '../../mapping/taskDefinition';
import { offer } from '../offers';

/** The history id of an EXTERNAL task set (`ecs-svc/123` → `ecs:ecs-svc.123`). */
export function taskSetHistoryId(taskSetId: string): string {
  return formatDeploymentId('ecs', taskSetId.replace(/\//g, '.'));
}

/**
 * An EXTERNAL service's task set as a history entry: AWS keeps no deployment
 * records for the EXTERNAL controller, its task sets are the deployments.
 * The primary one is what runs; an active one is being shifted to or away
 * from; a draining one is on its way out.
 */
export function taskSetSummary(
  environment: string,
  taskSet: TaskSetState,
): DeploymentSummary {
  const statuses: Record<string, DeploymentSummary['status']> = {
    PRIMARY: 'SUCCEEDED',
    ACTIVE: 'IN_PROGRESS',
    DRAINING: 'STOPPED',
  };
  const to = taskDefinitionRef(taskSet.taskDefinitionArn);
  const id = taskSetHistoryId(taskSet.id);
  const actor = taskSet.startedBy ?? taskSet.externalId;
  return finishSummary({
    id,
    kind: 'ecs',
    environment,
    status: statuses[taskSet.status] ?? 'UNKNOWN',
    awsStatus: taskSet.status,
    controller: 'EXTERNAL',
    startedAt: taskSet.createdAt,
    trigger: { kind: 'unknown', ...(actor ? { actor } : {}) },
    ...(to ? { taskDefinitionTo: to } : {}),
    links: {},
    // The release under way can be aborted from its row; the shift's other
    // steps need the listener weights the traffic view reads.
    offers:
      taskSet.status === 'ACTIVE'
        ? [offer('abort-release', undefined, { deploymentId: id })]
        : [],
  });
}

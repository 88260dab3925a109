import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ServiceState } from '../aws/state';
import { taskSetHistoryId } from '../systems/taskSets/summary';

/** What of a task says which deployment it belongs to. */
export interface TaskOrigin {
  startedBy?: string;
  taskDefinitionArn?: string;
  createdAt?: string;
  /** Known already from `startedBy` (a CodeDeploy deployment id). */
  deploymentId?: string;
}

/**
 * The deployments a task can belong to, newest first: each history entry,
 * or for a release (a pipeline execution) the deployments it holds, as the
 * overview names its last deployment.
 */
function candidates(history: DeploymentSummary[]): DeploymentSummary[] {
  return history.flatMap(e =>
    e.deployments?.length ? [...e.deployments].reverse() : [e],
  );
}

/**
 * The history id of the deployment a task belongs to, named the way the
 * history and the overview name it:
 * - what `startedBy` says outright (a CodeDeploy deployment id);
 * - an EXTERNAL service's task set, which is its own history entry;
 * - otherwise the newest recent deployment that deployed the task's
 *   revision and started before the task was created (ECS names a task's
 *   service deployment only by an `ecs-svc/` id that the service
 *   deployment records do not carry).
 * Undefined when none of these is known.
 */
export function deploymentOfTask(
  task: TaskOrigin,
  service: ServiceState | undefined,
  history: DeploymentSummary[],
): string | undefined {
  if (task.deploymentId) return task.deploymentId;
  const { startedBy } = task;
  if (startedBy && service?.controller === 'EXTERNAL') {
    const taskSet = service.taskSets.find(
      ts => ts.id === startedBy || ts.externalId === startedBy,
    );
    if (taskSet) return taskSetHistoryId(taskSet.id);
  }
  if (!task.taskDefinitionArn) return undefined;
  const created = task.createdAt ? Date.parse(task.createdAt) : undefined;
  const match = candidates(history).find(
    d =>
      d.taskDefinitionTo?.arn === task.taskDefinitionArn &&
      (created === undefined ||
        !d.startedAt ||
        Date.parse(d.startedAt) <= created),
  );
  return match?.id;
}

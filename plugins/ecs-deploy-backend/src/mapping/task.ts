import { Task } from '@aws-sdk/client-ecs';
import {
  TaskDefinitionRef,
  arnResourceId,
  formatDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { taskDefinitionRef } from './taskDefinition';
import { iso } from './time';

/** What the stopped and the running tasks show alike of an ECS task. */
export interface TaskBasics {
  taskId: string;
  taskDefinition?: TaskDefinitionRef;
  startedAt?: string;
  startedBy?: string;
  /** The CodeDeploy deployment that started it, when `startedBy` names one. */
  deploymentId?: string;
}

/** CodeDeploy starts its task sets' tasks under its deployment id. */
export function codeDeployStarter(startedBy: string | undefined) {
  return startedBy && /^d-[A-Z0-9]+$/.test(startedBy)
    ? formatDeploymentId('codedeploy', startedBy)
    : undefined;
}

/** The id, revision, start and starter of a task, each only when AWS says. */
export function taskBasics(t: Task): TaskBasics {
  const def = taskDefinitionRef(t.taskDefinitionArn);
  const startedAt = iso(t.startedAt);
  const deploymentId = codeDeployStarter(t.startedBy);
  return {
    taskId: arnResourceId(t.taskArn ?? ''),
    ...(def ? { taskDefinition: def } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(t.startedBy ? { startedBy: t.startedBy } : {}),
    ...(deploymentId ? { deploymentId } : {}),
  };
}

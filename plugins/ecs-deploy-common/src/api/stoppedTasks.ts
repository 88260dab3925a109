import { TaskDefinitionRef } from './model';

/**
 * A container of a stopped task.
 *
 * @public
 */
export interface StoppedContainer {
  name: string;
  exitCode?: number;
  reason?: string;
  image?: string;
  imageDigest?: string;
}

/**
 * A task that stopped, with why.
 *
 * @public
 */
export interface StoppedTask {
  taskId: string;
  taskDefinition?: TaskDefinitionRef;
  /** ECS stop code, e.g. `EssentialContainerExited`, `TaskFailedToStart`. */
  stopCode?: string;
  stoppedReason?: string;
  startedAt?: string;
  stoppedAt?: string;
  /** Who started the task (an ECS deployment id, a task set id). */
  startedBy?: string;
  /** The history id of the deployment that started the task, when AWS says (`codedeploy:d-…`). */
  deploymentId?: string;
  containers: StoppedContainer[];
}

/**
 * Response of `GET /entities/:kind/:namespace/:name/stopped-tasks?environment=`.
 *
 * @public
 */
export interface StoppedTasksResponse {
  environment: string;
  items: StoppedTask[];
}

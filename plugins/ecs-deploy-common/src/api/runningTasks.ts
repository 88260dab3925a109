import { EnvironmentError } from './environments';
import { TaskDefinitionRef } from './model';

/**
 * A task's health as ECS reports it: from the container health checks of
 * its essential containers, `UNKNOWN` when they define none or have not
 * reported yet.
 *
 * @public
 */
export type TaskHealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

/**
 * A task ECS wants running (pending, starting or running).
 *
 * @public
 */
export interface RunningTask {
  taskId: string;
  taskDefinition?: TaskDefinitionRef;
  /** Where the task is now (`PROVISIONING`, `PENDING`, `ACTIVATING`, `RUNNING`, `DEACTIVATING`, ...). */
  lastStatus: string;
  /** Where ECS is taking it (`RUNNING`; `STOPPED` once it is being stopped). */
  desiredStatus: string;
  healthStatus: TaskHealthStatus;
  createdAt?: string;
  /** When it reached RUNNING; absent while it starts. */
  startedAt?: string;
  /** Who started the task (an ECS deployment id, a task set id). */
  startedBy?: string;
  /**
   * The history id of the deployment the task belongs to, as the history
   * and the overview name it; absent when the recent history holds none
   * that started it.
   */
  deploymentId?: string;
  availabilityZone?: string;
}

/**
 * The running tasks of one environment's service.
 *
 * @public
 */
export interface EnvironmentTasks {
  environment: string;
  /** When ECS was asked, on AWS's clock; the answer may be that old. */
  observedAt: string;
  tasks: RunningTask[];
  /** Why the environment could not be read, when it could not. */
  error?: EnvironmentError;
}

/**
 * Response of `GET /entities/:kind/:namespace/:name/tasks[?environment=]`.
 *
 * @public
 */
export interface RunningTasksResponse {
  environments: EnvironmentTasks[];
}

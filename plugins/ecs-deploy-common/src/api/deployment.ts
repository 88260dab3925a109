import { DeploymentStatus } from './model';
import { DeploymentSummary } from './history';
import { TaskSetInfo } from './traffic';

/**
 * A lifecycle event or hook of a deployment (CodeDeploy lifecycle events,
 * ECS lifecycle stages and hooks).
 *
 * @public
 */
export interface LifecycleEvent {
  name: string;
  status: DeploymentStatus;
  awsStatus: string;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  message?: string;
}

/**
 * An action of a pipeline stage in one execution.
 *
 * @public
 */
export interface PipelineActionExecution {
  name: string;
  /** `Source`, `Build`, `Deploy`, `Approval`, ... */
  category?: string;
  provider?: string;
  status: DeploymentStatus;
  awsStatus: string;
  startedAt?: string;
  endedAt?: string;
  summary?: string;
  errorMessage?: string;
  /** The deployment this action started, as a history id (`codedeploy:d-...`). */
  deploymentId?: string;
  externalExecutionUrl?: string;
}

/**
 * A pipeline stage in one execution.
 *
 * @public
 */
export interface PipelineStageExecution {
  name: string;
  status: DeploymentStatus;
  awsStatus: string;
  actions: PipelineActionExecution[];
}

/**
 * A deployment target (CodeDeploy ECS target) with its task sets.
 *
 * @public
 */
export interface DeploymentTarget {
  id: string;
  status: DeploymentStatus;
  awsStatus: string;
  lifecycleEvents: LifecycleEvent[];
  taskSets: TaskSetInfo[];
}

/**
 * Response of `GET /entities/:kind/:namespace/:name/deployments/:deploymentId?environment=`.
 *
 * @public
 */
export interface DeploymentDetail {
  deployment: DeploymentSummary;
  lifecycleEvents: LifecycleEvent[];
  statusMessages: string[];
  targets: DeploymentTarget[];
  pipeline?: {
    name: string;
    executionId: string;
    stages: PipelineStageExecution[];
  };
  /** ECS native: the current lifecycle stage, e.g. `BAKE_TIME`. */
  lifecycleStage?: string;
}

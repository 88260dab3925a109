/**
 * The status of a deployment or pipeline execution, the same for every
 * source (CodeDeploy, ECS service deployments, CodePipeline).
 *
 * - `WAITING`: paused until someone acts (ready wait, pause hook, manual approval).
 * - `BAKING`: traffic shifted, original kept for the bake / termination wait.
 * - `ROLLING_BACK` / `ROLLED_BACK`: a rollback is running / ended.
 *
 * @public
 */
export type DeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'WAITING'
  | 'BAKING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'STOPPED'
  | 'ROLLING_BACK'
  | 'ROLLED_BACK'
  | 'SUPERSEDED'
  | 'UNKNOWN';

/**
 * Every {@link DeploymentStatus}, for validation and filters.
 *
 * @public
 */
export const DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  'PENDING',
  'IN_PROGRESS',
  'WAITING',
  'BAKING',
  'SUCCEEDED',
  'FAILED',
  'STOPPED',
  'ROLLING_BACK',
  'ROLLED_BACK',
  'SUPERSEDED',
  'UNKNOWN',
];

/**
 * Who or what started a deployment.
 *
 * @public
 */
export type TriggerKind =
  | 'user'
  | 'pipeline'
  | 'autoscaling'
  | 'rollback'
  | 'unknown';

/**
 * Where a history entry comes from.
 *
 * @public
 */
export type DeploymentKind = 'codedeploy' | 'ecs' | 'pipeline';

/**
 * The ECS deployment controller of a service.
 *
 * @public
 */
export type DeploymentControllerKind = 'CODE_DEPLOY' | 'ECS' | 'EXTERNAL';

/**
 * How new tasks replace old ones: the ECS strategies, or for CodeDeploy the
 * shape of its deployment configuration.
 *
 * @public
 */
export type DeploymentStrategyKind =
  | 'ROLLING'
  | 'BLUE_GREEN'
  | 'LINEAR'
  | 'CANARY'
  | 'ALL_AT_ONCE'
  | 'EXTERNAL';

/**
 * The deployment strategy and its parameters.
 *
 * @public
 */
export interface DeploymentStrategy {
  kind: DeploymentStrategyKind;
  /** CodeDeploy deployment configuration name, e.g. `CodeDeployDefault.ECSCanary10Percent5Minutes`. */
  configName?: string;
  /** Canary: percentage shifted first. Linear: percentage per step. */
  stepPercent?: number;
  /** Canary: minutes before the rest. Linear: minutes between steps. */
  stepIntervalMinutes?: number;
  /** ECS bake time or CodeDeploy termination wait, in minutes. */
  bakeTimeMinutes?: number;
}

/**
 * A task definition by family and revision.
 *
 * @public
 */
export interface TaskDefinitionRef {
  arn: string;
  family: string;
  revision: number;
}

/**
 * A container image as a task definition or a running task names it.
 *
 * @public
 */
export interface ContainerImage {
  containerName: string;
  /** The image reference as written in the task definition. */
  uri: string;
  repository?: string;
  tag?: string;
  /** `sha256:...`, from the reference or from the running task. */
  digest?: string;
}

import { DeploymentKind, DeploymentStatus } from './api/model';

/**
 * Maps a CodeDeploy deployment status (`Created`, `Queued`, `InProgress`,
 * `Baking`, `Ready`, `Succeeded`, `Failed`, `Stopped`) to the shared status.
 * A stopped or failed deployment that CodeDeploy rolled back is `ROLLED_BACK`.
 *
 * @public
 */
export function fromCodeDeployStatus(
  status: string | undefined,
  options?: { rolledBack?: boolean },
): DeploymentStatus {
  switch (status) {
    case 'Created':
    case 'Queued':
      return 'PENDING';
    case 'InProgress':
      return 'IN_PROGRESS';
    case 'Ready':
      return 'WAITING';
    case 'Baking':
      return 'BAKING';
    case 'Succeeded':
      return 'SUCCEEDED';
    case 'Failed':
      return options?.rolledBack ? 'ROLLED_BACK' : 'FAILED';
    case 'Stopped':
      return options?.rolledBack ? 'ROLLED_BACK' : 'STOPPED';
    default:
      return 'UNKNOWN';
  }
}

/**
 * Maps a CodeDeploy lifecycle event or target status (`Pending`,
 * `InProgress`, `Ready`, `Succeeded`, `Failed`, `Skipped`, `Unknown`).
 *
 * @public
 */
export function fromCodeDeployLifecycleStatus(
  status: string | undefined,
): DeploymentStatus {
  switch (status) {
    case 'Pending':
      return 'PENDING';
    case 'InProgress':
      return 'IN_PROGRESS';
    case 'Ready':
      return 'WAITING';
    case 'Succeeded':
      return 'SUCCEEDED';
    case 'Failed':
      return 'FAILED';
    case 'Skipped':
      return 'STOPPED';
    default:
      return 'UNKNOWN';
  }
}

/**
 * Maps an ECS service deployment status. `waiting` says a pause lifecycle
 * hook awaits someone (ECS reports that on the hook, not on the status).
 *
 * @public
 */
export function fromEcsServiceDeploymentStatus(
  status: string | undefined,
  options?: { waiting?: boolean; lifecycleStage?: string },
): DeploymentStatus {
  switch (status) {
    case 'PENDING':
      return 'PENDING';
    case 'IN_PROGRESS':
      if (options?.waiting) return 'WAITING';
      if (options?.lifecycleStage === 'BAKE_TIME') return 'BAKING';
      return 'IN_PROGRESS';
    case 'SUCCESSFUL':
      return 'SUCCEEDED';
    case 'STOPPED':
    case 'STOP_REQUESTED':
      return 'STOPPED';
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS':
      return 'ROLLING_BACK';
    case 'ROLLBACK_SUCCESSFUL':
      return 'ROLLED_BACK';
    case 'ROLLBACK_FAILED':
      return 'FAILED';
    default:
      return 'UNKNOWN';
  }
}

/**
 * Maps an ECS lifecycle hook status (`AWAITING_ACTION`, `IN_PROGRESS`, ...).
 *
 * @public
 */
export function fromEcsHookStatus(
  status: string | undefined,
): DeploymentStatus {
  switch (status) {
    case 'AWAITING_ACTION':
      return 'WAITING';
    case 'IN_PROGRESS':
      return 'IN_PROGRESS';
    case 'SUCCEEDED':
      return 'SUCCEEDED';
    case 'FAILED':
    case 'TIMED_OUT':
      return 'FAILED';
    default:
      return 'UNKNOWN';
  }
}

/**
 * Maps a CodePipeline execution, stage or action status. `waiting` says a
 * manual approval of the execution is pending.
 *
 * @public
 */
export function fromPipelineStatus(
  status: string | undefined,
  options?: { waiting?: boolean },
): DeploymentStatus {
  switch (status) {
    case 'InProgress':
      return options?.waiting ? 'WAITING' : 'IN_PROGRESS';
    case 'Stopping':
      return 'IN_PROGRESS';
    case 'Succeeded':
      return 'SUCCEEDED';
    case 'Failed':
      return 'FAILED';
    case 'Stopped':
    case 'Cancelled':
    case 'Abandoned':
      return 'STOPPED';
    case 'Superseded':
      return 'SUPERSEDED';
    case 'Skipped':
      return 'STOPPED';
    default:
      return 'UNKNOWN';
  }
}

const ACTIVE: ReadonlySet<DeploymentStatus> = new Set<DeploymentStatus>([
  'PENDING',
  'IN_PROGRESS',
  'WAITING',
  'BAKING',
  'ROLLING_BACK',
]);

/**
 * True while a deployment can still change (its data must not be cached long).
 *
 * @public
 */
export function isActiveStatus(status: DeploymentStatus): boolean {
  return ACTIVE.has(status);
}

const KINDS: readonly DeploymentKind[] = ['codedeploy', 'ecs', 'pipeline'];

/**
 * Builds the opaque id of a history entry.
 *
 * @public
 */
export function formatDeploymentId(
  kind: DeploymentKind,
  awsId: string,
): string {
  return `${kind}:${awsId}`;
}

/**
 * Splits a history entry id into its kind and AWS id, or undefined when it is
 * malformed.
 *
 * @public
 */
export function parseDeploymentId(
  id: string,
): { kind: DeploymentKind; awsId: string } | undefined {
  const colon = id.indexOf(':');
  if (colon === -1) return undefined;
  const kind = id.slice(0, colon) as DeploymentKind;
  const awsId = id.slice(colon + 1);
  if (!KINDS.includes(kind) || !/^[A-Za-z0-9._-]{1,128}$/.test(awsId)) {
    return undefined;
  }
  return { kind, awsId };
}

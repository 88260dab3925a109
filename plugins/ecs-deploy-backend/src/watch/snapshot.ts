import {
  DeploymentStatus,
  EnvironmentOverview,
  EnvironmentTraffic,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * What the watcher remembers of one environment between two looks: enough
 * to tell that something a viewer sees changed, and what a notification is
 * about. Only what the overview and traffic already say, no AWS names.
 */
export interface EnvironmentSnapshot {
  deploymentId?: string;
  status?: DeploymentStatus;
  /** The deployment rolls another one back (CodeDeploy's rollback deployment). */
  rollbackOf?: string;
  /** A deployment is moving (in progress, baking, rolling back). */
  moving: boolean;
  /** A deployment or a pipeline approval waits for a person. */
  waiting: boolean;
  waitingExecutionId?: string;
  /** The traffic shift's phase and percent, and every listener's split. */
  traffic?: string;
  /**
   * When the traffic shift's next step is due, on AWS's clock: until then a
   * shifting deployment has nothing new to show.
   */
  nextStepAt?: string;
  /** AWS minutes between two steps of the shift. */
  stepMinutes?: number;
  /** running/desired/pending tasks of the service. */
  tasks?: string;
  /** The environment could not be read this time. */
  unreadable?: boolean;
}

/** Per environment name. */
export type EntitySnapshot = Record<string, EnvironmentSnapshot>;

function trafficKey(traffic: EnvironmentTraffic | undefined) {
  if (!traffic || traffic.error) return undefined;
  const shift = traffic.shift
    ? `${traffic.shift.phase}:${traffic.shift.shiftedPercent}`
    : '-';
  const listeners = traffic.listeners
    .map(l => `${l.role}=${l.targetGroups.map(g => g.percent).join('/')}`)
    .join(',');
  return `${shift}|${listeners}`;
}

export function snapshotOf(
  overview: EnvironmentOverview,
  traffic?: EnvironmentTraffic,
): EnvironmentSnapshot {
  if (overview.error) {
    return { moving: false, waiting: false, unreadable: true };
  }
  const last = overview.lastDeployment;
  const { runningCount, desiredCount, pendingCount } = overview.service;
  const shift = trafficKey(traffic);
  return {
    ...(last ? { deploymentId: last.id, status: last.status } : {}),
    ...(last?.rollback?.ofDeploymentId
      ? { rollbackOf: last.rollback.ofDeploymentId }
      : {}),
    moving: overview.deploymentInProgress,
    waiting: overview.waitingForAction,
    ...(overview.pipeline?.waitingExecutionId
      ? { waitingExecutionId: overview.pipeline.waitingExecutionId }
      : {}),
    ...(shift ? { traffic: shift } : {}),
    ...(traffic?.shift?.nextStepAt
      ? {
          nextStepAt: traffic.shift.nextStepAt,
          stepMinutes: traffic.strategy?.stepIntervalMinutes,
        }
      : {}),
    tasks: `${runningCount}/${desiredCount}/${pendingCount}`,
  };
}

/** A deployment moves or waits: the environment needs watching. */
export function isLive(snapshot: EnvironmentSnapshot): boolean {
  return snapshot.moving || snapshot.waiting;
}

function same(a: EnvironmentSnapshot, b: EnvironmentSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The environments whose snapshot differs (new ones count; an unread one keeps its last). */
export function changedEnvironments(
  before: EntitySnapshot | undefined,
  after: EntitySnapshot,
): string[] {
  return Object.keys(after).filter(
    name =>
      !after[name].unreadable &&
      (!before?.[name] || !same(before[name], after[name])),
  );
}

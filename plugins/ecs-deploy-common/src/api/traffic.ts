import { EnvironmentError } from './environments';
import type { ActionOffer } from './offers';
import {
  DeploymentControllerKind,
  DeploymentStrategy,
  TaskDefinitionRef,
} from './model';

/**
 * Blue is the task set that served before the deployment, green the
 * replacement. `PRIMARY`/`ACTIVE` for EXTERNAL and ECS native task sets where
 * AWS gives no colour.
 *
 * @public
 */
export type TaskSetLabel = 'BLUE' | 'GREEN' | 'PRIMARY' | 'ACTIVE' | 'DRAINING';

/**
 * A task set (or ECS service revision) and how much it runs and serves.
 *
 * @public
 */
export interface TaskSetInfo {
  id: string;
  label: TaskSetLabel;
  /** AWS status (`PRIMARY`, `ACTIVE`, `DRAINING`) or the CodeDeploy target status. */
  status: string;
  runningCount: number;
  desiredCount: number;
  pendingCount: number;
  /** Percentage of production traffic as AWS reports it for the task set. */
  trafficWeight?: number;
  taskDefinition?: TaskDefinitionRef;
  targetGroupName?: string;
}

/**
 * One target group behind a listener with its share of traffic.
 *
 * @public
 */
export interface TargetGroupWeight {
  name: string;
  weight: number;
  /** Share of the listener's traffic in percent (weights normalised). */
  percent: number;
  label?: TaskSetLabel;
}

/**
 * A load balancer listener and how it splits traffic.
 *
 * @public
 */
export interface ListenerTraffic {
  role: 'production' | 'test';
  port: number;
  protocol?: string;
  loadBalancerName?: string;
  targetGroups: TargetGroupWeight[];
}

/**
 * Where a canary, linear or blue/green shift stands.
 *
 * @public
 */
export interface TrafficShift {
  deploymentId: string;
  phase: 'PROVISIONING' | 'WAITING' | 'SHIFTING' | 'BAKING' | 'DONE';
  /** Production traffic on the replacement, in percent. */
  shiftedPercent: number;
  /** Step number (1-based) and step count for canary/linear. */
  step?: number;
  totalSteps?: number;
  /** ISO time of the next weight change, if one is scheduled. */
  nextStepAt?: string;
  /** ISO time the bake / termination wait ends. */
  bakeTimeEndsAt?: string;
  /**
   * What can be done to the shifting deployment now: the offers of its
   * history entry (continue, finish early, roll back), read with this
   * snapshot.
   */
  offers: ActionOffer[];
}

/**
 * Traffic of one environment.
 *
 * @public
 */
export interface EnvironmentTraffic {
  environment: string;
  /** Absent when nothing was read about the service (see `error`). */
  controller?: DeploymentControllerKind;
  /** Absent when nothing was read about the service (see `error`). */
  strategy?: DeploymentStrategy;
  /**
   * False for a service without a load balancer (a worker): it takes no
   * load-balanced traffic, so it has no listeners to show. Absent when
   * nothing was read about the service.
   */
  loadBalanced?: boolean;
  listeners: ListenerTraffic[];
  taskSets: TaskSetInfo[];
  shift?: TrafficShift;
  /**
   * When this snapshot was read, ISO, on AWS's clock (from its responses'
   * `Date` header). Count down to `shift.nextStepAt` / `bakeTimeEndsAt` from
   * here, not from the browser's clock: the two may differ (and do against
   * a sandbox running a compressed clock).
   */
  observedAt: string;
  /**
   * Set when this environment could not be read while others could: it
   * then has no listeners or task sets to show.
   */
  error?: EnvironmentError;
}

/**
 * Response of `GET /entities/:kind/:namespace/:name/traffic?environment=`.
 *
 * @public
 */
export interface TrafficResponse {
  environments: EnvironmentTraffic[];
}

import {
  ActionOffer,
  DeploymentControllerKind,
  DeploymentDetail,
  DeploymentKind,
  DeploymentStrategy,
  DeploymentSummary,
  DeploymentSystemInfo,
  EcsDeployActionRequest,
  EnvironmentOverview,
  ListenerTraffic,
  TaskSetInfo,
  TrafficShift,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ActionContext, ActionTarget, PreparedAction } from '../actions/types';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { HistorySource } from '../history/HistorySource';
import { ReadContext } from '../reads/ReadContext';

/** The actions on one deployment of the history. */
export type DeploymentActionName = 'continue' | 'finish-early' | 'rollback';

/** The actions on an environment's pipeline. */
export type PipelineActionName = 'approve' | 'start-pipeline' | 'retry-stage';

/** A request of one of those. */
export type PipelineActionRequest = Extract<
  EcsDeployActionRequest,
  { action: PipelineActionName }
>;

/** The actions on an environment's EXTERNAL service, moving one release. */
export type ReleaseActionName =
  | 'start-release'
  | 'shift-traffic'
  | 'promote-release'
  | 'abort-release';

/** The actions on an environment rather than on one history entry. */
export type EnvironmentActionName = PipelineActionName | ReleaseActionName;

/** A request of one of those. */
export type EnvironmentActionRequest = Extract<
  EcsDeployActionRequest,
  { action: EnvironmentActionName }
>;

/** The environment-level actions a system takes. */
export interface EnvironmentActions {
  actions: readonly EnvironmentActionName[];
  /** Called with requests of its `actions` only. */
  prepare(
    ctx: ActionContext,
    target: ActionTarget,
    request: EnvironmentActionRequest,
  ): PreparedAction;
}

/** Where traffic goes now, as the system that moves the service reads it. */
export interface TrafficRead {
  listeners: ListenerTraffic[];
  taskSets: TaskSetInfo[];
  shift?: TrafficShift;
}

/** What the system that moves an environment's service reads of it. */
export interface ServiceSystem {
  /** The ECS deployment controller of the services it moves. */
  controller: DeploymentControllerKind;
  /** How the UI names it. */
  info(
    loaded: LoadedEnvironment,
    strategy: DeploymentStrategy,
  ): DeploymentSystemInfo;
  strategy(
    ctx: ReadContext,
    loaded: LoadedEnvironment,
  ): Promise<DeploymentStrategy>;
  /** Traffic now; `strategy` is still being read, for reads that do not need it. */
  traffic(
    ctx: ReadContext,
    loaded: LoadedEnvironment,
    strategy: Promise<DeploymentStrategy>,
  ): Promise<TrafficRead>;
  /** Whether its history records the image digests deployed (else ECR is asked). */
  recordsImageDigests: boolean;
}

/** The actions on the system's own history entries. */
export interface DeploymentActions {
  /** Why the environment has no entries of this system to act on (after `deploymentId: `). */
  notApplicable(env: ResolvedEnvironment): string;
  /** Checks the action applies to the system (InputError if not) and prepares it. */
  prepare(
    ctx: ActionContext,
    target: ActionTarget,
    action: DeploymentActionName,
    awsId: string,
  ): PreparedAction;
}

/** What a system adds to the environment's overview. */
export interface OverviewPart {
  fields?: Partial<Pick<EnvironmentOverview, 'pipeline'>>;
  /** Something waits for a person. */
  waiting?: boolean;
  offers: ActionOffer[];
}

/** What a system knows about other systems' entries (a pipeline execution that started a deployment). */
export interface EntryLinks {
  history(
    ctx: ReadContext,
    envs: ResolvedEnvironment[],
    items: DeploymentSummary[],
  ): Promise<void>;
  /** Started with the detail of another system's entry; what it found, to apply to that detail. */
  detail(
    ctx: ReadContext,
    env: ResolvedEnvironment,
    id: string,
  ): Promise<((detail: DeploymentDetail) => DeploymentDetail) | undefined>;
}

/**
 * One way deployments happen: CodeDeploy blue/green, ECS-native, EXTERNAL
 * task sets, or CodePipeline above them. The reads and the actions loop over
 * the registry of systems; what differs between systems lives in theirs.
 */
export interface DeploymentSystem {
  id: 'codeDeploy' | 'ecsNative' | 'taskSets' | 'pipeline';
  /** The history id kind of its entries (`codedeploy:…`, `ecs:…`, `pipeline:…`). */
  entryKind: DeploymentKind;
  /** Whether its history, details and actions apply to the environment. */
  appliesTo(loaded: LoadedEnvironment): boolean;
  /** Its stream of the environment's history (when it applies). */
  historySource(ctx: ReadContext, loaded: LoadedEnvironment): HistorySource;
  /**
   * The detail of one of its entries. `loading` is the environment still
   * being read: reads the id alone allows start at once. Undefined when the
   * loaded environment shows the entry cannot be this system's.
   */
  detail(
    ctx: ReadContext,
    env: ResolvedEnvironment,
    loading: Promise<LoadedEnvironment>,
    id: string,
    awsId: string,
  ): Promise<DeploymentDetail | undefined>;
  /** For the system that moves services of one deployment controller. */
  service?: ServiceSystem;
  deploymentActions?: DeploymentActions;
  environmentActions?: EnvironmentActions;
  /** Its fields and environment-level offers in the overview. */
  overview?(ctx: ReadContext, loaded: LoadedEnvironment): Promise<OverviewPart>;
  links?: EntryLinks;
}

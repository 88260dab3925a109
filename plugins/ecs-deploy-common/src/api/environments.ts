import {
  ContainerImage,
  DeploymentControllerKind,
  DeploymentStrategy,
  TaskDefinitionRef,
} from './model';
import { DeploymentSummary } from './history';
import { ActionOffer, DeploymentSystemInfo } from './offers';

/**
 * Current state of one environment's ECS service.
 *
 * @public
 */
export interface EnvironmentOverview {
  name: string;
  accountId: string;
  region: string;
  service: {
    name: string;
    cluster: string;
    arn: string;
    /** `ACTIVE`, `DRAINING` or `INACTIVE`. */
    status: string;
    runningCount: number;
    desiredCount: number;
    pendingCount: number;
  };
  /** Absent when nothing was read about the service (see `error`). */
  controller?: DeploymentControllerKind;
  /** Absent when nothing was read about the service (see `error`). */
  strategy?: DeploymentStrategy;
  taskDefinition?: TaskDefinitionRef;
  images: ContainerImage[];
  codeDeploy?: { application: string; deploymentGroup: string };
  pipeline?: {
    name: string;
    /** The execution whose manual approval waits for a person, if one does. */
    waitingExecutionId?: string;
  };
  ecrRepository?: { name: string; uri?: string };
  lastDeployment?: DeploymentSummary;
  /** A deployment is moving (in progress, baking, rolling back). */
  deploymentInProgress: boolean;
  /** A deployment or pipeline waits for a person (ready wait, pause hook, approval). */
  waitingForAction: boolean;
  /** The deployment system of the service; absent when nothing was read about it. */
  system?: DeploymentSystemInfo;
  /**
   * The environment-level actions (`promote` to the next environment,
   * `approve` of the waiting execution, `start-pipeline`, `retry-stage`),
   * each available now or with the reason it is not.
   */
  offers: ActionOffer[];
  /**
   * Set when this environment could not be read (AWS throttling or an
   * outage, no permission in its account, the service gone) while others
   * could: the other fields then only say what the annotations say.
   */
  error?: EnvironmentError;
}

/**
 * The kinds of AWS resource an environment names.
 *
 * @public
 */
export type EnvironmentResourceType =
  | 'ecs-service'
  | 'codepipeline'
  | 'codedeploy-deployment-group';

/**
 * An AWS resource an environment names, where AWS was asked for it.
 *
 * @public
 */
export interface EnvironmentResource {
  type: EnvironmentResourceType;
  /** The service or pipeline name, or `<application>/<deploymentGroup>`. */
  name: string;
  accountId: string;
  region: string;
  arn?: string;
}

/**
 * Why an environment could not be read, as the backend's error would say it.
 *
 * @public
 */
export interface EnvironmentError {
  /** The `@backstage/errors` name, e.g. `ServiceUnavailableError`. */
  name: string;
  message: string;
  /**
   * The code the error body of a whole request would carry: an AWS
   * exception name (`ThrottlingException`), `ResourceNotFound`
   * ({@link RESOURCE_NOT_FOUND_CODE}) when AWS does not know a resource the
   * entity names, or the kind's default (`NotFound`, `Internal`, ...).
   */
  code: string;
  /** The HTTP status the error would have had alone (503, 403, 404, 500). */
  statusCode: number;
  /** With `ResourceNotFound`: the resource AWS does not know. */
  resource?: EnvironmentResource;
  /**
   * With `ResourceNotFound`: the annotation that names the resource; absent
   * when tag discovery found it.
   */
  annotation?: string;
}

/**
 * An environment a response leaves out because it could not be read.
 *
 * @public
 */
export interface UnreadableEnvironment {
  environment: string;
  error: EnvironmentError;
}

/**
 * Response of `GET /entities/:kind/:namespace/:name/environments`, in
 * promotion order.
 *
 * @public
 */
export interface EnvironmentsResponse {
  entityRef: string;
  environments: EnvironmentOverview[];
}

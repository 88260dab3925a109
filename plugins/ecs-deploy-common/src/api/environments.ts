import {
  ContainerImage,
  DeploymentControllerKind,
  DeploymentStrategy,
  TaskDefinitionRef,
} from './model';
import { DeploymentSummary } from './history';

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
  controller: DeploymentControllerKind;
  strategy: DeploymentStrategy;
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
  /**
   * Set when this environment could not be read (AWS throttling or an
   * outage, no permission in its account, the service gone) while others
   * could: the other fields then only say what the annotations say.
   */
  error?: EnvironmentError;
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
  /** The HTTP status the error would have had alone (503, 403, 404, 500). */
  statusCode: number;
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

/*
 * The contract between the sandbox's services. Each service keeps its own state
 * in a store; stores call each other only through these interfaces, which is how
 * the sandbox links services the way AWS does (an ECR push starts a pipeline, a
 * pipeline's deploy action creates a CodeDeploy deployment, a deployment creates
 * task sets and moves listener weights).
 */
import type { SandboxClock } from './core/SandboxClock';
import type { CodeDeployStore } from './services/codedeploy/CodeDeployStore';
import type { CodePipelineStore } from './services/codepipeline/CodePipelineStore';
import type { EcrStore } from './services/ecr/EcrStore';
import type { EcsStore } from './services/ecs/EcsStore';
import type { ElbStore } from './services/elbv2/ElbStore';

/** @public */
export interface TaskSetSpec {
  cluster: string;
  service: string;
  taskDefinition: string;
  /** target groups the task set registers with (blue or green) */
  targetGroupArns: string[];
  /** percent of the service's desired count */
  scalePercent: number;
  externalId?: string;
  launchType?: string;
  /**
   * The container and port the target groups route to (an appspec's
   * `LoadBalancerInfo`); default the service's load balancer's. ECS checks
   * them against the task definition.
   */
  containerName?: string;
  containerPort?: number;
  /** account/region of the service */
  accountId: string;
  region: string;
}

/** ECS as the other services see it. @public */
export interface EcsApi {
  /** Throws AwsError ServiceNotFoundException when absent. */
  getService(ref: {
    accountId: string;
    region: string;
    cluster: string;
    service: string;
  }): {
    serviceArn: string;
    clusterArn: string;
    taskDefinition: string;
    desiredCount: number;
    deploymentController: 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL';
    loadBalancers: {
      targetGroupArn?: string;
      containerName?: string;
      containerPort?: number;
    }[];
  };
  /**
   * Creates a task set (status ACTIVE, stabilityStatus STEADY_STATE once its
   * tasks run). Returns its ARN. Throws AwsError InvalidParameterException
   * when the task definition lacks the container or port.
   */
  createTaskSet(spec: TaskSetSpec): string;
  updateTaskSetScale(taskSetArn: string, scalePercent: number): void;
  /** PRIMARY task set; the previous primary becomes ACTIVE. */
  setPrimaryTaskSet(taskSetArn: string): void;
  deleteTaskSet(taskSetArn: string): void;
  /** Records stopped tasks (stop reason, exit code) so DescribeTasks shows why a deployment failed. */
  recordStoppedTask(
    taskSetArn: string,
    stoppedReason: string,
    exitCode: number,
  ): void;
  /**
   * The tasks registered with a target group, for DescribeTargetHealth
   * (running tasks are healthy, starting ones initial).
   */
  targetsOf(targetGroupArn: string): {
    id: string;
    port: number;
    state: 'initial' | 'healthy' | 'draining';
  }[];
  /**
   * RegisterTaskDefinition with ECS's own checks (a pipeline's taskdef.json);
   * returns the new revision's ARN. Throws AwsError ClientException as
   * RegisterTaskDefinition does.
   */
  registerTaskDefinition(
    accountId: string,
    region: string,
    input: Record<string, unknown>,
  ): string;
  /**
   * The RegisterTaskDefinition input a revision was registered with (what
   * CodePipeline's ECS deploy action copies into a new revision). Throws
   * AwsError ClientException for an unknown ARN.
   */
  taskDefinitionInput(taskDefinitionArn: string): Record<string, unknown>;
  /** The service's PRIMARY task set (CodeDeploy's original, blue, task set). */
  getPrimaryTaskSet(ref: {
    accountId: string;
    region: string;
    cluster: string;
    service: string;
  }): { taskSetArn: string; taskDefinition: string } | undefined;
  /** A task set's counts, for CodeDeploy's GetDeploymentTarget taskSetsInfo; undefined once it is deleted. */
  describeTaskSet(taskSetArn: string):
    | {
        id: string;
        desiredCount: number;
        pendingCount: number;
        runningCount: number;
        status: string;
      }
    | undefined;
  /**
   * UpdateService with a new task definition (the standard ECS deploy
   * action): starts a service deployment and returns its ARN. Throws
   * AwsError InvalidParameterException for CODE_DEPLOY and EXTERNAL services.
   */
  updateServiceTaskDefinition(
    ref: {
      accountId: string;
      region: string;
      cluster: string;
      service: string;
    },
    taskDefinition: string,
  ): string;
  /** Status of a service deployment (PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, ROLLBACK_*); undefined when unknown. */
  getServiceDeploymentStatus(serviceDeploymentArn: string): string | undefined;
  /**
   * A service deployment that already finished, months ago (seeded history):
   * stored as is with its source and target service revisions, never moved
   * by the clock. `taskDefinition` is registered already. Returns the
   * service deployment ARN.
   */
  importServiceDeployment(input: {
    accountId: string;
    region: string;
    cluster: string;
    service: string;
    taskDefinition: string;
    sourceTaskDefinition?: string;
    status:
      | 'SUCCESSFUL'
      | 'STOPPED'
      | 'ROLLBACK_SUCCESSFUL'
      | 'ROLLBACK_FAILED';
    statusReason?: string;
    createdAt: number;
    finishedAt: number;
  }): string;
  /** A task that stopped in the past (seeded history), so DescribeTasks/ListTasks(STOPPED) explain an old failure. */
  importStoppedTask(input: {
    accountId: string;
    region: string;
    cluster: string;
    service: string;
    taskDefinition: string;
    stoppedReason: string;
    exitCode: number;
    startedAt: number;
    stoppedAt: number;
    /** e.g. the CodeDeploy deployment id or `ecs-svc/...` */
    startedBy?: string;
  }): void;
}

/** ELBv2 as the other services see it. @public */
export interface ElbApi {
  /** Forward action weights of a listener's default action. */
  getListenerWeights(
    listenerArn: string,
  ): { targetGroupArn: string; weight: number }[];
  setListenerWeights(
    listenerArn: string,
    weights: { targetGroupArn: string; weight: number }[],
  ): void;
  /**
   * Forward weights of a listener rule (ECS native blue/green shifts the
   * `productionListenerRule` / `testListenerRule` of a service's load balancer).
   * A listener's default rule and its default actions are the same thing.
   * Throws AwsError RuleNotFound.
   */
  getRuleWeights(ruleArn: string): { targetGroupArn: string; weight: number }[];
  setRuleWeights(
    ruleArn: string,
    weights: { targetGroupArn: string; weight: number }[],
  ): void;
  /** A target group's ARN by name, for CodeDeploy's targetGroupPairInfoList; undefined when there is none. */
  findTargetGroupArn(
    accountId: string,
    region: string,
    name: string,
  ): string | undefined;
}

/** ECR as the other services see it. @public */
export interface EcrApi {
  /** Subscribe to image pushes (PutImage, including retags). */
  onImagePushed(
    listener: (event: {
      repositoryArn: string;
      repositoryName: string;
      accountId: string;
      region: string;
      imageTag: string;
      imageDigest: string;
    }) => void,
  ): void;
  /** An image by tag or digest, for the `imageDetail.json` of a pipeline's ECR source; undefined when absent. */
  describeImage(
    repositoryArn: string,
    imageId: { imageTag: string } | { imageDigest: string },
  ): EcrImageDetail | undefined;
}

/** An ECR image as CodePipeline's ECR source describes it in `imageDetail.json`. @public */
export interface EcrImageDetail {
  registryId: string;
  repositoryName: string;
  imageDigest: string;
  /** `<registry>/<repository>@<digest>` */
  imageUri: string;
  imageTags: string[];
  imageSizeInBytes: number;
  imagePushedAt: number;
}

/**
 * Where the sandbox finds a Git connection's repositories: a
 * `FullRepositoryId` `<owner>/<repo>` names the git repository in the
 * directory `<directory>/<repo>`. @public
 */
export interface SourceRepositoryRule {
  owner: string;
  /** absolute path of the directory holding the repositories */
  directory: string;
}

/** CodeDeploy as the other services see it. @public */
export interface CodeDeployApi {
  /** Used by a pipeline's CodeDeployToECS action. Returns the deployment id. */
  createDeployment(input: {
    accountId: string;
    region: string;
    applicationName: string;
    deploymentGroupName: string;
    /** appspec content with task definition ARN already substituted */
    appSpecContent: string;
    description?: string;
    creator: 'user' | 'CodePipeline' | 'autoscaling' | 'codeDeployRollback';
  }): string;
  /** Current status, for the pipeline action that waits on it. */
  getDeploymentStatus(deploymentId: string): string;
}

/** Resource tags, shared by every service (TagResource, ListTagsForResource, GetResources). @public */
export interface TagStore {
  tag(arn: string, tags: { key: string; value: string }[]): void;
  untag(arn: string, keys: string[]): void;
  list(arn: string): { key: string; value: string }[];
  /** every ARN with at least one tag, or registered with `register` */
  all(): string[];
  /** remember a resource that exists (for GetResources with no tag filter) */
  register(arn: string): void;
  forget(arn: string): void;
}

/**
 * What each service's store implements besides its API: moving its lifecycles
 * to `nowMs` (deployments, pipeline executions, task starts), and saving and
 * restoring its state as plain JSON for the state file.
 *
 * @public
 */
export interface ServiceStore {
  tick(nowMs: number): void;
  snapshot(): unknown;
  restore(data: unknown): void;
}

/**
 * Every service's store by module name, typed for the registry's services:
 * seeders and tests call a store's own methods (sandbox knobs such as
 * `failNextDeployment`, history imports, snapshots) on it directly. A world
 * built from another module list holds only its own modules' stores.
 *
 * @public
 */
export interface SandboxStores {
  ecs: EcsStore;
  elbv2: ElbStore;
  ecr: EcrStore;
  codedeploy: CodeDeployStore;
  codepipeline: CodePipelineStore;
  [module: string]: ServiceStore;
}

/**
 * Everything the sandbox holds. Each service's store is created by the service's
 * own module and registered here by `createWorld`.
 *
 * @public
 */
export interface SandboxWorld {
  clock: SandboxClock;
  tags: TagStore;
  ecs: EcsApi;
  elbv2: ElbApi;
  ecr: EcrApi;
  codedeploy: CodeDeployApi;
  /** default account and region when a request does not say */
  defaults: { accountId: string; region: string };
  /** local git repositories that stand for the repositories of Git connections (CodeStarSourceConnection) */
  sourceRepositories: readonly SourceRepositoryRule[];
  /** Every service's store by module name, for seeders, tests and the state file. */
  stores: SandboxStores;
  /**
   * Seeded PRNG in [0, 1) for ids and simulated variation (task start-up time),
   * so a seeded fleet comes out the same every run.
   */
  random(): number;
  /** A random lowercase hex string of `length` characters from `random()`. */
  randomHex(length: number): string;
  /** Advances every store's lifecycles to the clock's now (called before each request and on an interval). */
  tick(): void;
}

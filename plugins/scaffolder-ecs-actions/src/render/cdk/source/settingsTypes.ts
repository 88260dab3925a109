/** `lib/settings-types.ts`: the shape of the rendered `lib/settings.ts`. */
export const settingsTypesSource = `/*
 * The shape of settings.ts. Backstage rendered the values from the platform's
 * ecsDeploy.scaffolder config when the service was created; the names are the
 * ones the ECS Deploy portal looks resources up by, so keep them.
 */

export interface ServiceSettings {
  /** The ECS service, its container and its ECR repository. */
  name: string;
  /** Entity and owner tags: the portal acts only on resources tagged for the entity. */
  tags: Record<string, string>;
  /** Key of the tag that names the environment, added by each environment's stack. */
  environmentTagKey: string;
  containerPort: number;
  /** Fargate CPU units and memory (MiB) of one task. */
  cpu: number;
  memoryMiB: number;
  healthCheckPath: string;
  desiredCount: number;
  registry: RegistrySettings;
  /** This repository, read by the pipelines through CodeConnections. */
  infraRepository: {
    connectionArn: string;
    owner: string;
    repo: string;
    branch: string;
  };
  /** In promotion order. */
  environments: EnvironmentSettings[];
}

export interface RegistrySettings {
  stackName: string;
  account: string;
  region: string;
  repositoryName: string;
}

export interface EnvironmentSettings {
  name: string;
  stackName: string;
  account: string;
  region: string;
  /** The platform's cluster, subnets and security groups, used as they are. */
  cluster: string;
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: boolean;
  /** The image the service starts with: the environment's tag, which its pipeline deploys. */
  image: string;
  roles: {
    execution: string;
    task?: string;
    /** ECS moves listener rules with it (ECS-native blue/green). */
    ecsInfrastructure: string;
    pipeline: string;
  };
  artifactBucket: string;
  names: {
    service: string;
    taskFamily: string;
    logGroup: string;
    loadBalancer: string;
    blueTargetGroup: string;
    greenTargetGroup: string;
    pipeline: string;
  };
  /** Absent for a worker that takes no traffic. */
  loadBalancer?: {
    productionPort: number;
    /** The test listener, for a blue/green switch. */
    testPort?: number;
  };
  deployment: CodeDeploySettings | EcsDeploymentSettings;
  /** The files the pipeline deploys, in this repository. */
  deployFiles: {
    taskDefinition: string;
    appSpec: string;
    imageDefinitions: string;
  };
  /** A person approves in the pipeline before the deployment starts. */
  manualApproval: boolean;
}

export interface CodeDeploySettings {
  controller: 'CODE_DEPLOY';
  application: string;
  /**
   * The first environment in an account and region declares the application;
   * later ones (deployed after it) use it by name.
   */
  declaresApplication: boolean;
  deploymentGroup: string;
  serviceRoleArn: string;
  /** One of CodeDeploy's predefined configs by name, or a traffic shift of this stack's own. */
  deploymentConfig:
    | { name: string }
    | { canary: TrafficStep }
    | { linear: TrafficStep };
  /** Wait at READY for someone to continue, stopping after this many minutes. */
  readyWaitMinutes?: number;
  terminationWaitMinutes: number;
  alarms: string[];
  autoRollback: boolean;
}

export interface TrafficStep {
  percentage: number;
  intervalMinutes: number;
}

export interface EcsDeploymentSettings {
  controller: 'ECS';
  strategy: 'ROLLING' | 'BLUE_GREEN' | 'CANARY' | 'LINEAR';
  minHealthyPercent?: number;
  maxHealthyPercent?: number;
  bakeTimeMinutes?: number;
  canary?: { percent: number; bakeTimeMinutes: number };
  linear?: { stepPercent: number; stepBakeTimeMinutes: number };
  /** Pause once test traffic reaches the new revision; roll back when nobody continues in time. */
  holdBeforeTraffic?: { timeoutMinutes: number };
}
`;

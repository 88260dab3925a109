/*
 * What the CDK app's lib/settings.ts holds, on the plugin's side. It mirrors
 * the generated lib/settings-types.ts (source/settingsTypes.ts); the synth test
 * type-checks every rendered settings.ts against that file.
 */

/** @public */
export interface CdkServiceSettings {
  name: string;
  tags: Record<string, string>;
  environmentTagKey: string;
  containerPort: number;
  cpu: number;
  memoryMiB: number;
  healthCheckPath: string;
  desiredCount: number;
  registry: {
    stackName: string;
    account: string;
    region: string;
    repositoryName: string;
  };
  infraRepository: {
    connectionArn: string;
    owner: string;
    repo: string;
    branch: string;
  };
  environments: CdkEnvironmentSettings[];
}

/** @public */
export interface CdkEnvironmentSettings {
  name: string;
  stackName: string;
  account: string;
  region: string;
  cluster: string;
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: boolean;
  image: string;
  roles: {
    execution: string;
    task?: string;
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
  loadBalancer?: { productionPort: number; testPort?: number };
  deployment: CdkCodeDeploySettings | CdkEcsDeploymentSettings;
  deployFiles: {
    taskDefinition: string;
    appSpec: string;
    imageDefinitions: string;
  };
  manualApproval: boolean;
}

/** @public */
export interface CdkCodeDeploySettings {
  controller: 'CODE_DEPLOY';
  application: string;
  declaresApplication: boolean;
  deploymentGroup: string;
  serviceRoleArn: string;
  deploymentConfig:
    | { name: string }
    | { canary: { percentage: number; intervalMinutes: number } }
    | { linear: { percentage: number; intervalMinutes: number } };
  readyWaitMinutes?: number;
  terminationWaitMinutes: number;
  alarms: string[];
  autoRollback: boolean;
}

/** @public */
export interface CdkEcsDeploymentSettings {
  controller: 'ECS';
  strategy: 'ROLLING' | 'BLUE_GREEN' | 'CANARY' | 'LINEAR';
  minHealthyPercent?: number;
  maxHealthyPercent?: number;
  bakeTimeMinutes?: number;
  canary?: { percent: number; bakeTimeMinutes: number };
  linear?: { stepPercent: number; stepBakeTimeMinutes: number };
  holdBeforeTraffic?: { timeoutMinutes: number };
}

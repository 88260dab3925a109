/*
 * The demo fleet as data: the services of the demo catalog, how each deploys,
 * and the environments and accounts they run in. The seeding functions read
 * only this, so the fleet can be changed here without touching them.
 */

/** @public */
export type Controller =
  | { kind: 'CODE_DEPLOY'; deploymentConfigName: string }
  | { kind: 'ECS'; strategy: 'ROLLING' | 'BLUE_GREEN' | 'CANARY' | 'LINEAR' }
  | { kind: 'EXTERNAL' };

/** @public */
export interface FleetService {
  name: string;
  owner: string;
  controller: Controller;
  envs: string[];
  /** pipeline per env (`<name>-<env>`); `false` for none */
  pipeline: boolean;
  /** envs whose pipeline has a ManualApproval stage */
  approvalEnvs: string[];
  /** envs whose CodeDeploy group waits for a person at Ready (STOP_DEPLOYMENT) */
  readyWaitEnvs: string[];
  containerPort: number;
  desiredCount: Record<string, number>;
}

/** @public */
export interface FleetEnvironment {
  name: string;
  accountId: string;
}

/** @public */
export const DEMO_REGION = 'eu-west-1';

/** The account that holds every service's ECR repository. @public */
export const ECR_ACCOUNT = '111111111111';

/** @public */
export const DEMO_ENVIRONMENTS: FleetEnvironment[] = [
  { name: 'dev', accountId: '111111111111' },
  { name: 'staging', accountId: '222222222222' },
  { name: 'prod', accountId: '333333333333' },
];

const ALL_ENVS = ['dev', 'staging', 'prod'];
const counts = { dev: 1, staging: 2, prod: 4 };

/** @public */
export const DEMO_SERVICES: FleetService[] = [
  {
    name: 'payments-api',
    owner: 'team-payments',
    controller: {
      kind: 'CODE_DEPLOY',
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    },
    envs: ALL_ENVS,
    pipeline: true,
    approvalEnvs: ['prod'],
    readyWaitEnvs: ['prod'],
    containerPort: 8080,
    desiredCount: counts,
  },
  {
    name: 'checkout-web',
    owner: 'team-checkout',
    controller: {
      kind: 'CODE_DEPLOY',
      deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
    },
    envs: ALL_ENVS,
    pipeline: true,
    approvalEnvs: ['prod'],
    readyWaitEnvs: [],
    containerPort: 3000,
    desiredCount: counts,
  },
  {
    name: 'orders-worker',
    owner: 'team-payments',
    controller: { kind: 'ECS', strategy: 'ROLLING' },
    envs: ALL_ENVS,
    pipeline: true,
    approvalEnvs: [],
    readyWaitEnvs: [],
    containerPort: 8080,
    desiredCount: counts,
  },
  {
    name: 'inventory-api',
    owner: 'team-checkout',
    controller: { kind: 'ECS', strategy: 'BLUE_GREEN' },
    envs: ALL_ENVS,
    pipeline: true,
    approvalEnvs: [],
    readyWaitEnvs: [],
    containerPort: 8080,
    desiredCount: counts,
  },
  {
    name: 'ledger-api',
    owner: 'team-payments',
    controller: { kind: 'ECS', strategy: 'CANARY' },
    envs: ALL_ENVS,
    pipeline: true,
    approvalEnvs: [],
    readyWaitEnvs: [],
    containerPort: 8080,
    desiredCount: counts,
  },
  {
    name: 'search-api',
    owner: 'team-platform',
    controller: { kind: 'ECS', strategy: 'LINEAR' },
    envs: ALL_ENVS,
    pipeline: true,
    approvalEnvs: [],
    readyWaitEnvs: [],
    containerPort: 8080,
    desiredCount: counts,
  },
  {
    name: 'notifications-service',
    owner: 'team-payments',
    controller: { kind: 'EXTERNAL' },
    envs: ['staging', 'prod'],
    pipeline: false,
    approvalEnvs: [],
    readyWaitEnvs: [],
    containerPort: 8080,
    desiredCount: counts,
  },
];

/** People who approve, reject, stop and roll back in the history. @public */
export const DEMO_PEOPLE = [
  'jane.doe',
  'sam.lee',
  'priya.patel',
  'lucas.martin',
  'mei.chen',
  'olu.adeyemi',
];

/** How many deployments each env had over the history window (approximately). @public */
export const HISTORY_PER_ENV: Record<string, number> = {
  dev: 40,
  staging: 28,
  prod: 18,
};

/** @public */
export const HISTORY_DAYS = 120;

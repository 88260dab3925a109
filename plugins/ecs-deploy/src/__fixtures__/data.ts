import {
  ActionLedgerEntry,
  ActionOffer,
  DeploymentDetail,
  DeploymentSummary,
  EnvironmentError,
  EnvironmentOverview,
  EnvironmentsResponse,
  RunningTasksResponse,
  StoppedTasksResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';

const ACCOUNTS: Record<string, string> = {
  dev: '111111111111',
  staging: '222222222222',
  prod: '333333333333',
};

/** An offer the backend makes: the action applies now. */
export function available(
  action: ActionOffer['action'],
  request?: ActionOffer['request'],
): ActionOffer {
  return { action, ...(request ? { request } : {}) };
}

/** An offer the backend makes with the reason the action does not apply now. */
export function unavailable(
  action: ActionOffer['action'],
  unavailableReason: string,
  request?: ActionOffer['request'],
): ActionOffer {
  return { ...available(action, request), unavailableReason };
}

/** What the backend offers on a CodeDeploy deployment that has ended. */
export function endedDeploymentOffers(deploymentId: string): ActionOffer[] {
  const request = { deploymentId };
  return [
    unavailable(
      'continue',
      'Only a deployment waiting for a person can continue.',
      request,
    ),
    unavailable(
      'finish-early',
      'Only a deployment in its termination wait can finish early.',
      request,
    ),
    unavailable(
      'rollback',
      'The deployment has ended; start a new one to change what runs.',
      request,
    ),
  ];
}

/** What the backend offers on a CodeDeploy deployment waiting for traffic rerouting. */
export function waitingDeploymentOffers(deploymentId: string): ActionOffer[] {
  const request = { deploymentId };
  return [
    available('continue', request),
    unavailable(
      'finish-early',
      'Only a deployment in its termination wait can finish early.',
      request,
    ),
    available('rollback', request),
  ];
}

/** What the backend offers on an environment with nothing running or waiting. */
export function idleEnvironmentOffers(name: string): ActionOffer[] {
  return [
    ...(name === 'prod' ? [] : [available('promote', { from: name })]),
    unavailable('approve', `No manual approval is waiting in ${name}.`),
    available('start-pipeline'),
  ];
}

export function summary(
  overrides: Partial<DeploymentSummary> & { id: string },
): DeploymentSummary {
  return {
    offers: endedDeploymentOffers(overrides.id),
    kind: 'codedeploy',
    environment: 'prod',
    status: 'SUCCEEDED',
    awsStatus: 'Succeeded',
    controller: 'CODE_DEPLOY',
    startedAt: '2024-06-10T09:00:00Z',
    endedAt: '2024-06-10T09:07:00Z',
    durationMs: 7 * 60_000,
    trigger: {
      kind: 'pipeline',
      commitId: '3ed9bd724c87148f',
      actor: 'payments-api-prod',
    },
    taskDefinitionFrom: {
      arn: 'arn:td:11',
      family: 'payments-api',
      revision: 11,
    },
    taskDefinitionTo: {
      arn: 'arn:td:12',
      family: 'payments-api',
      revision: 12,
    },
    links: {},
    ...overrides,
  };
}

export function environment(
  name: string,
  overrides: Partial<EnvironmentOverview> = {},
): EnvironmentOverview {
  return {
    name,
    accountId: ACCOUNTS[name] ?? '111111111111',
    region: 'eu-west-1',
    service: {
      name: 'payments-api',
      cluster: `storefront-${name}`,
      arn: `arn:aws:ecs:eu-west-1:${ACCOUNTS[name]}:service/storefront-${name}/payments-api`,
      status: 'ACTIVE',
      runningCount: 3,
      desiredCount: 3,
      pendingCount: 0,
    },
    controller: 'CODE_DEPLOY',
    strategy: {
      kind: 'CANARY',
      configName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      stepPercent: 10,
      stepIntervalMinutes: 5,
    },
    taskDefinition: { arn: 'arn:td:12', family: 'payments-api', revision: 12 },
    images: [
      {
        containerName: 'app',
        uri: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/payments-api:3ed9bd7',
        repository: 'payments-api',
        tag: '3ed9bd7',
        digest:
          'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      },
    ],
    codeDeploy: {
      application: 'payments-api',
      deploymentGroup: `payments-api-${name}`,
    },
    pipeline: { name: `payments-api-${name}` },
    ecrRepository: { name: 'payments-api' },
    lastDeployment: summary({
      id: `codedeploy:d-${name.toUpperCase()}1`,
      environment: name,
    }),
    deploymentInProgress: false,
    waitingForAction: false,
    system: { id: 'codeDeploy', label: 'CodeDeploy blue/green' },
    offers: idleEnvironmentOffers(name),
    ...overrides,
  };
}

/** The backend's error for an environment whose annotated service does not exist. */
export function missingService(name: string): EnvironmentError {
  const accountId = ACCOUNTS[name] ?? '111111111111';
  return {
    name: 'NotFoundError',
    message: `ECS service payments-api was not found in ${accountId} / eu-west-1 (ecs-deploy.io/service-arn.${name})`,
    code: 'ResourceNotFound',
    statusCode: 404,
    resource: {
      type: 'ecs-service',
      name: 'payments-api',
      accountId,
      region: 'eu-west-1',
      arn: `arn:aws:ecs:eu-west-1:${accountId}:service/storefront-${name}/payments-api`,
    },
    annotation: `ecs-deploy.io/service-arn.${name}`,
  };
}

/**
 * An environment as the backend answers one it could not read: only what
 * the annotations say, and why (no controller, strategy or images).
 */
export function unreadableEnvironment(
  name: string,
  error: EnvironmentError,
): EnvironmentOverview {
  const known = environment(name);
  return {
    name,
    accountId: known.accountId,
    region: known.region,
    service: {
      ...known.service,
      status: 'UNKNOWN',
      runningCount: 0,
      desiredCount: 0,
    },
    images: [],
    codeDeploy: known.codeDeploy,
    pipeline: known.pipeline,
    ecrRepository: known.ecrRepository,
    deploymentInProgress: false,
    waitingForAction: false,
    offers: [],
    error,
  };
}

export const environmentsResponse: EnvironmentsResponse = {
  entityRef: 'component:default/payments-api',
  environments: [
    environment('dev'),
    environment('staging'),
    environment('prod', {
      deploymentInProgress: true,
      waitingForAction: true,
      lastDeployment: summary({
        id: 'codedeploy:d-WAIT1',
        status: 'WAITING',
        awsStatus: 'Ready',
        endedAt: undefined,
        durationMs: undefined,
        offers: waitingDeploymentOffers('codedeploy:d-WAIT1'),
      }),
    }),
  ],
};

export const ledgerEntry: ActionLedgerEntry = {
  id: 'l-1',
  entityRef: 'component:default/payments-api',
  environment: 'prod',
  action: 'continue',
  actor: 'user:default/guest',
  status: 'succeeded',
  deploymentId: 'codedeploy:d-OK2',
  createdAt: '2024-06-10T09:03:00Z',
  finishedAt: '2024-06-10T09:03:01Z',
};

export const detailResponse: DeploymentDetail = {
  deployment: summary({
    id: 'codedeploy:d-FAIL1',
    status: 'ROLLED_BACK',
    awsStatus: 'Stopped',
    errorMessage: 'The health checks of the replacement task set failed.',
    rollback: { rolledBack: true, byDeploymentId: 'codedeploy:d-RB1' },
    links: { pipelineExecutionId: 'pipeline:exec-1' },
  }),
  lifecycleEvents: [
    {
      name: 'Install',
      status: 'SUCCEEDED',
      awsStatus: 'Succeeded',
      startedAt: '2024-06-10T09:00:00Z',
      endedAt: '2024-06-10T09:02:00Z',
      durationMs: 120_000,
    },
    {
      name: 'AfterAllowTestTraffic',
      status: 'FAILED',
      awsStatus: 'Failed',
      startedAt: '2024-06-10T09:02:00Z',
      endedAt: '2024-06-10T09:03:30Z',
      durationMs: 90_000,
      message: 'Hook validate-payments returned Failed',
    },
  ],
  statusMessages: ['Deployment d-FAIL1 was rolled back by d-RB1'],
  targets: [],
  pipeline: {
    name: 'payments-api-prod',
    executionId: 'exec-1',
    stages: [
      {
        name: 'Source',
        status: 'SUCCEEDED',
        awsStatus: 'Succeeded',
        actions: [
          {
            name: 'Image',
            category: 'Source',
            provider: 'ECR',
            status: 'SUCCEEDED',
            awsStatus: 'Succeeded',
          },
        ],
      },
      {
        name: 'Deploy',
        status: 'FAILED',
        awsStatus: 'Failed',
        actions: [
          {
            name: 'BlueGreen',
            category: 'Deploy',
            provider: 'CodeDeployToECS',
            status: 'FAILED',
            awsStatus: 'Failed',
            errorMessage: 'Deployment d-FAIL1 failed',
            deploymentId: 'codedeploy:d-FAIL1',
          },
        ],
      },
    ],
  },
};

export const stoppedTasksResponse: StoppedTasksResponse = {
  environment: 'prod',
  items: [
    {
      taskId: '0123456789abcdef0123',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      stoppedAt: '2024-06-10T09:03:00Z',
      taskDefinition: {
        arn: 'arn:td:12',
        family: 'payments-api',
        revision: 12,
      },
      containers: [{ name: 'app', exitCode: 137, reason: 'OutOfMemoryError' }],
    },
  ],
};

export const runningTasksResponse: RunningTasksResponse = {
  environments: [
    {
      environment: 'dev',
      observedAt: '2024-06-10T09:05:00Z',
      tasks: [],
    },
    {
      environment: 'staging',
      observedAt: '2024-06-10T09:05:00Z',
      tasks: [],
      error: {
        name: 'ServiceUnavailableError',
        message: 'AWS is throttling requests; retry shortly',
        code: 'ThrottlingException',
        statusCode: 503,
      },
    },
    {
      environment: 'prod',
      observedAt: '2024-06-10T09:05:00Z',
      tasks: [
        {
          taskId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
          taskDefinition: {
            arn: 'arn:aws:ecs:eu-west-1:333333333333:task-definition/payments-api:12',
            family: 'payments-api',
            revision: 12,
          },
          lastStatus: 'RUNNING',
          desiredStatus: 'RUNNING',
          healthStatus: 'HEALTHY',
          createdAt: '2024-06-10T09:00:00Z',
          startedAt: '2024-06-10T09:01:00Z',
          startedBy: 'ecs-svc/1234567890123456789',
          deploymentId: 'codedeploy:d-ABCDEF123',
        },
        {
          taskId: 'ffee00112233445566778899aabbccdd',
          taskDefinition: {
            arn: 'arn:aws:ecs:eu-west-1:333333333333:task-definition/payments-api:13',
            family: 'payments-api',
            revision: 13,
          },
          lastStatus: 'PENDING',
          desiredStatus: 'RUNNING',
          healthStatus: 'UNKNOWN',
          createdAt: '2024-06-10T09:04:00Z',
          startedBy: 'ecs-svc/9999999999999999999',
        },
      ],
    },
  ],
};

export function trafficResponse(
  greenPercent: number,
  phase?: 'PROVISIONING' | 'SHIFTING' | 'DONE' | 'WAITING',
  offers: ActionOffer[] = [],
): TrafficResponse {
  return {
    environments: [
      {
        environment: 'prod',
        controller: 'CODE_DEPLOY',
        strategy: {
          kind: 'CANARY',
          configName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
        },
        observedAt: `2024-06-10T09:0${greenPercent === 100 ? 9 : 5}:00Z`,
        listeners: [
          {
            role: 'production',
            port: 80,
            loadBalancerName: 'payments-api-prod',
            targetGroups: [
              {
                name: 'payments-api-prod-blue',
                weight: 100 - greenPercent,
                percent: 100 - greenPercent,
                label: 'BLUE',
              },
              {
                name: 'payments-api-prod-green',
                weight: greenPercent,
                percent: greenPercent,
                label: 'GREEN',
              },
            ],
          },
          {
            role: 'test',
            port: 8080,
            targetGroups: [
              {
                name: 'payments-api-prod-green',
                weight: 1,
                percent: 100,
                label: 'GREEN',
              },
            ],
          },
        ],
        taskSets: [
          {
            id: 'ecs-svc/1',
            label: 'BLUE',
            status: 'PRIMARY',
            runningCount: 3,
            desiredCount: 3,
            pendingCount: 0,
            trafficWeight: 100 - greenPercent,
          },
          {
            id: 'ecs-svc/2',
            label: 'GREEN',
            status: 'ACTIVE',
            runningCount: 3,
            desiredCount: 3,
            pendingCount: 0,
            trafficWeight: greenPercent,
          },
        ],
        shift: phase
          ? {
              deploymentId: 'codedeploy:d-CANARY1',
              phase,
              shiftedPercent: greenPercent,
              step: 1,
              totalSteps: 2,
              nextStepAt: '2099-01-01T00:00:00Z',
              offers,
            }
          : undefined,
      },
    ],
  };
}

export const historyItems: DeploymentSummary[] = [
  summary({ id: 'codedeploy:d-OK2', startedAt: '2024-06-10T09:00:00Z' }),
  summary({
    id: 'codedeploy:d-FAIL1',
    status: 'ROLLED_BACK',
    startedAt: '2024-06-09T09:00:00Z',
    rollback: { rolledBack: true, byDeploymentId: 'codedeploy:d-RB1' },
    errorMessage: 'Health checks failed',
  }),
  summary({
    id: 'ecs:ecs-svc-9',
    kind: 'ecs',
    environment: 'dev',
    status: 'FAILED',
    startedAt: '2024-06-08T09:00:00Z',
    trigger: { kind: 'user', actor: 'jane', commitId: 'abcdef0123' },
  }),
];

import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ServiceState } from '../aws/state';
import { tasksCacheClass } from './runningTasks';
import { deploymentOfTask } from './taskDeployments';

const td = (revision: number) =>
  `arn:aws:ecs:eu-west-1:111111111111:task-definition/orders:${revision}`;

function entry(
  id: string,
  revision: number,
  startedAt: string,
  deployments?: DeploymentSummary[],
): DeploymentSummary {
  return {
    id,
    kind: id.startsWith('pipeline:') ? 'pipeline' : 'ecs',
    environment: 'prod',
    status: 'SUCCEEDED',
    awsStatus: 'SUCCESSFUL',
    startedAt,
    trigger: { kind: 'unknown' },
    links: {},
    taskDefinitionTo: { arn: td(revision), family: 'orders', revision },
    ...(deployments ? { deployments } : {}),
  } as DeploymentSummary;
}

const service = (overrides: Partial<ServiceState> = {}): ServiceState => ({
  arn: 'arn:svc',
  name: 'orders',
  cluster: 'prod',
  status: 'ACTIVE',
  runningCount: 2,
  desiredCount: 2,
  pendingCount: 0,
  controller: 'ECS',
  strategy: { kind: 'ROLLING' },
  loadBalancers: [],
  taskSets: [],
  deployments: [],
  ...overrides,
});

describe('deploymentOfTask', () => {
  const history = [
    entry('ecs:redeploy', 2, '2024-06-10T12:00:00Z'),
    entry('pipeline:exec-1', 2, '2024-06-10T10:00:00Z', [
      entry('ecs:update', 2, '2024-06-10T10:01:00Z'),
    ]),
    entry('ecs:first', 1, '2024-06-10T08:00:00Z'),
  ];

  it('names the newest deployment of the task’s revision that started before it', () => {
    const at = (createdAt: string, revision: number) =>
      deploymentOfTask(
        { taskDefinitionArn: td(revision), createdAt },
        service(),
        history,
      );
    expect(at('2024-06-10T12:00:05Z', 2)).toBe('ecs:redeploy');
    // Created before the redeploy of the same revision: the release's
    // deployment, not the pipeline execution holding it.
    expect(at('2024-06-10T11:00:00Z', 2)).toBe('ecs:update');
    expect(at('2024-06-10T09:00:00Z', 1)).toBe('ecs:first');
    expect(at('2024-06-10T09:00:00Z', 3)).toBeUndefined();
  });

  it('takes what startedBy says first, and an EXTERNAL task set as its own entry', () => {
    expect(
      deploymentOfTask(
        { deploymentId: 'codedeploy:d-ABC', taskDefinitionArn: td(1) },
        service(),
        history,
      ),
    ).toBe('codedeploy:d-ABC');
    const external = service({
      controller: 'EXTERNAL',
      taskSets: [
        {
          id: 'ecs-svc/1234',
          status: 'PRIMARY',
          runningCount: 2,
          desiredCount: 2,
          pendingCount: 0,
          targetGroupArns: [],
        },
      ],
    });
    expect(
      deploymentOfTask(
        { startedBy: 'ecs-svc/1234', taskDefinitionArn: td(9) },
        external,
        [],
      ),
    ).toBe('ecs:ecs-svc.1234');
  });
});

describe('tasksCacheClass', () => {
  const task = (lastStatus: string, revision = 1) => ({
    taskId: lastStatus + revision,
    lastStatus,
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN' as const,
    taskDefinition: { arn: td(revision), family: 'orders', revision },
  });

  it('is short while anything moves, at rest when settled, a list’s lifetime with an unhealthy task', () => {
    // Kept under the service state's version; without it, the idle pace.
    expect(tasksCacheClass(service(), [task('RUNNING'), task('RUNNING')])).toBe(
      'settled',
    );
    expect(tasksCacheClass(undefined, [task('RUNNING')])).toBe('idle');
    expect(
      tasksCacheClass(service(), [
        task('RUNNING'),
        { ...task('RUNNING'), healthStatus: 'UNHEALTHY' as const },
      ]),
    ).toBe('list');
    expect(tasksCacheClass(service(), [task('RUNNING'), task('PENDING')])).toBe(
      'active',
    );
    expect(
      tasksCacheClass(service(), [task('RUNNING', 1), task('RUNNING', 2)]),
    ).toBe('active');
    const rolling = service({
      deployments: [
        {
          id: 'a',
          status: 'PRIMARY',
          runningCount: 0,
          desiredCount: 2,
          pendingCount: 0,
        },
        {
          id: 'b',
          status: 'ACTIVE',
          runningCount: 2,
          desiredCount: 0,
          pendingCount: 0,
        },
      ],
    });
    expect(tasksCacheClass(rolling, [task('RUNNING')])).toBe('active');
  });
});

import {
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  ListTasksCommandInput,
  RegisterTaskDefinitionCommand,
  ServiceNotFoundException,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import { startSandbox, type RunningSandbox } from '../../server';
import { advanceSandbox, sandboxClientConfig } from '../../testUtils';

/*
 * ListTasks and DescribeTasks of a service's running tasks, as the portal's
 * running-tasks panel reads them: the filters, the fields, the health ECS
 * reports (UNKNOWN without a container health check), and the errors.
 */

describe('ECS tasks', () => {
  let sb: RunningSandbox;
  let ecs: ECSClient;

  beforeEach(async () => {
    sb = await startSandbox();
    ecs = new ECSClient(sandboxClientConfig(sb));
    await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  });
  afterEach(async () => {
    ecs.destroy();
    await sb.close();
  });

  async function register(family: string, healthCheck: boolean) {
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family,
        containerDefinitions: [
          {
            name: 'app',
            image: `repo/${family}:1`,
            essential: true,
            ...(healthCheck
              ? {
                  healthCheck: {
                    command: [
                      'CMD-SHELL',
                      'curl -f http://localhost/ || exit 1',
                    ],
                  },
                }
              : {}),
          },
          // A sidecar that is not essential does not decide the task's health.
          { name: 'log-router', image: 'repo/fluent-bit:1', essential: false },
        ],
      }),
    );
    return taskDefinition!.taskDefinitionArn!;
  }

  async function tasksOf(serviceName: string) {
    const { taskArns } = await ecs.send(
      new ListTasksCommand({ cluster: 'shop', serviceName }),
    );
    const { tasks } = await ecs.send(
      new DescribeTasksCommand({ cluster: 'shop', tasks: taskArns }),
    );
    return tasks!;
  }

  it('lists a service’s running tasks with revision, deployment, start time and health', async () => {
    const checked = await register('checked', true);
    const unchecked = await register('unchecked', false);
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'checked',
        taskDefinition: checked,
        desiredCount: 2,
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'unchecked',
        taskDefinition: unchecked,
        desiredCount: 1,
      }),
    );
    sb.world.tick();

    // Placed, not yet running: PENDING or PROVISIONING, health UNKNOWN.
    const starting = await tasksOf('checked');
    expect(starting).toHaveLength(2);
    for (const task of starting) {
      expect(task.desiredStatus).toBe('RUNNING');
      expect(task.lastStatus).not.toBe('RUNNING');
      expect(task.healthStatus).toBe('UNKNOWN');
      expect(task.startedAt).toBeUndefined();
    }

    advanceSandbox(sb, 70_000);
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['checked'] }),
    );
    const deploymentId = services![0].deployments![0].id;

    const running = await tasksOf('checked');
    expect(running).toHaveLength(2);
    for (const task of running) {
      expect(task).toMatchObject({
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        healthStatus: 'HEALTHY',
        taskDefinitionArn: checked,
        group: 'service:checked',
        // Tasks of a service deployment are started by its id.
        startedBy: deploymentId,
      });
      expect(task.startedAt).toBeInstanceOf(Date);
      expect(task.containers!.find(c => c.name === 'app')!.healthStatus).toBe(
        'HEALTHY',
      );
      expect(
        task.containers!.find(c => c.name === 'log-router')!.healthStatus,
      ).toBe('UNKNOWN');
    }

    // Without a health check in the definition ECS knows no health.
    const [plain] = await tasksOf('unchecked');
    expect(plain.lastStatus).toBe('RUNNING');
    expect(plain.healthStatus).toBe('UNKNOWN');
    expect(plain.containers!.map(c => c.healthStatus)).toEqual([
      'UNKNOWN',
      'UNKNOWN',
    ]);

    // The service filter keeps the services apart; desiredStatus RUNNING is
    // the default, and no task has stopped yet.
    const all = await ecs.send(
      new ListTasksCommand({ cluster: 'shop', desiredStatus: 'RUNNING' }),
    );
    expect(all.taskArns).toHaveLength(3);
    const stopped = await ecs.send(
      new ListTasksCommand({
        cluster: 'shop',
        serviceName: 'checked',
        desiredStatus: 'STOPPED',
      }),
    );
    expect(stopped.taskArns).toEqual([]);
  });

  it('pages ListTasks and answers AWS’s errors for an unknown cluster or service', async () => {
    const td = await register('many', false);
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'many',
        taskDefinition: td,
        desiredCount: 5,
      }),
    );
    sb.world.tick();
    const arns: string[] = [];
    for await (const page of paginateListTasks(
      { client: ecs, pageSize: 2 },
      { cluster: 'shop', serviceName: 'many' },
    )) {
      arns.push(...(page.taskArns ?? []));
    }
    expect(new Set(arns).size).toBe(5);

    await expect(
      ecs.send(new ListTasksCommand({ cluster: 'nowhere', serviceName: 'x' })),
    ).rejects.toThrow(ClusterNotFoundException);
    await expect(
      ecs.send(new DescribeTasksCommand({ cluster: 'nowhere', tasks: arns })),
    ).rejects.toMatchObject({
      name: 'ClusterNotFoundException',
      message: 'Cluster not found.',
    });
    await expect(
      ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'gone' })),
    ).rejects.toThrow(ServiceNotFoundException);

    // A task of another cluster is a failure, not a task.
    await ecs.send(new CreateClusterCommand({ clusterName: 'other' }));
    const { tasks, failures } = await ecs.send(
      new DescribeTasksCommand({ cluster: 'other', tasks: [arns[0]] }),
    );
    expect(tasks).toEqual([]);
    expect(failures).toEqual([{ arn: arns[0], reason: 'MISSING' }]);
  });

  it('answers ListTasks as AWS does for PENDING, startedBy with other filters and maxResults past 100', async () => {
    const td = await register('strict', false);
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'strict',
        taskDefinition: td,
        desiredCount: 2,
      }),
    );
    sb.world.tick();
    const list = (input: Partial<ListTasksCommandInput>) =>
      ecs.send(new ListTasksCommand({ cluster: 'shop', ...input }));
    // Tasks are still starting (lastStatus PROVISIONING or PENDING), but ECS
    // never sets a desired status of PENDING: the filter matches nothing.
    expect((await list({ serviceName: 'strict' })).taskArns).toHaveLength(2);
    expect(
      (await list({ serviceName: 'strict', desiredStatus: 'PENDING' }))
        .taskArns,
    ).toEqual([]);

    await expect(
      list({ startedBy: 'ecs-svc/1', serviceName: 'strict' }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      list({ startedBy: 'ecs-svc/1', family: 'strict' }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect((await list({ startedBy: 'nobody' })).taskArns).toEqual([]);

    for (const maxResults of [0, 101]) {
      await expect(
        list({ serviceName: 'strict', maxResults }),
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: 'maxResults must be between 1 and 100.',
      });
    }
  });
});

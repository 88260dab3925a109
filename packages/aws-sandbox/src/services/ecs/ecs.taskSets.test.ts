import {
  CreateClusterCommand,
  CreateServiceCommand,
  CreateTaskSetCommand,
  DeleteTaskSetCommand,
  DescribeServicesCommand,
  DescribeTaskSetsCommand,
  ECSClient,
  InvalidParameterException,
  RegisterTaskDefinitionCommand,
  TaskSetNotFoundException,
  UpdateServiceCommand,
  UpdateServicePrimaryTaskSetCommand,
  UpdateTaskSetCommand,
} from '@aws-sdk/client-ecs';
import { startSandbox, type RunningSandbox } from '../../server';
import { advanceSandbox, sandboxClientConfig } from '../../testUtils';

/* Task sets: EXTERNAL services driven by hand, CODE_DEPLOY services' primary set. */

describe('ECS task sets', () => {
  let sb: RunningSandbox;
  let ecs: ECSClient;
  let v1: string;
  let v2: string;

  beforeEach(async () => {
    sb = await startSandbox();
    ecs = new ECSClient(sandboxClientConfig(sb));
    await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    const register = async (tag: string) =>
      (
        await ecs.send(
          new RegisterTaskDefinitionCommand({
            family: 'notify',
            containerDefinitions: [{ name: 'app', image: `notify:${tag}` }],
          }),
        )
      ).taskDefinition!.taskDefinitionArn!;
    v1 = await register('1');
    v2 = await register('2');
  });
  afterEach(async () => {
    ecs.destroy();
    await sb.close();
  });

  it('runs an EXTERNAL blue/green by hand with task sets', async () => {
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'notify',
        desiredCount: 4,
        deploymentController: { type: 'EXTERNAL' },
      }),
    );
    const blue = (
      await ecs.send(
        new CreateTaskSetCommand({
          cluster: 'shop',
          service: 'notify',
          taskDefinition: v1,
          externalId: 'jenkins-41',
          scale: { value: 100, unit: 'PERCENT' },
        }),
      )
    ).taskSet!;
    expect(blue.status).toBe('PRIMARY');
    expect(blue.computedDesiredCount).toBe(4);
    advanceSandbox(sb, 70_000);

    const green = (
      await ecs.send(
        new CreateTaskSetCommand({
          cluster: 'shop',
          service: 'notify',
          taskDefinition: v2,
          externalId: 'jenkins-42',
          scale: { value: 50, unit: 'PERCENT' },
        }),
      )
    ).taskSet!;
    expect(green.status).toBe('ACTIVE');
    expect(green.stabilityStatus).toBe('STABILIZING');
    advanceSandbox(sb, 70_000);
    let { taskSets } = await ecs.send(
      new DescribeTaskSetsCommand({
        cluster: 'shop',
        service: 'notify',
        taskSets: [green.taskSetArn!],
      }),
    );
    expect(taskSets![0]).toMatchObject({
      runningCount: 2,
      stabilityStatus: 'STEADY_STATE',
    });

    await ecs.send(
      new UpdateTaskSetCommand({
        cluster: 'shop',
        service: 'notify',
        taskSet: green.taskSetArn,
        scale: { value: 100, unit: 'PERCENT' },
      }),
    );
    await ecs.send(
      new UpdateServicePrimaryTaskSetCommand({
        cluster: 'shop',
        service: 'notify',
        primaryTaskSet: green.taskSetArn,
      }),
    );
    await ecs.send(
      new DeleteTaskSetCommand({
        cluster: 'shop',
        service: 'notify',
        taskSet: blue.taskSetArn,
      }),
    );
    advanceSandbox(sb, 70_000);
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['notify'] }),
    );
    expect(services![0].taskDefinition).toBe(v2);
    expect(services![0].taskSets!.map(t => [t.externalId, t.status])).toEqual([
      ['jenkins-42', 'PRIMARY'],
    ]);
    expect(services![0].runningCount).toBe(4);

    ({ taskSets } = await ecs.send(
      new DescribeTaskSetsCommand({
        cluster: 'shop',
        service: 'notify',
        taskSets: [blue.taskSetArn!],
      }),
    ));
    expect(taskSets).toEqual([]);
    await expect(
      ecs.send(
        new UpdateTaskSetCommand({
          cluster: 'shop',
          service: 'notify',
          taskSet: blue.taskSetArn,
          scale: { value: 0, unit: 'PERCENT' },
        }),
      ),
    ).rejects.toBeInstanceOf(TaskSetNotFoundException);
  });

  it('gives a CODE_DEPLOY service a primary task set and refuses direct task definition updates', async () => {
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'payments',
        taskDefinition: v1,
        desiredCount: 2,
        deploymentController: { type: 'CODE_DEPLOY' },
      }),
    );
    const { taskSets } = await ecs.send(
      new DescribeTaskSetsCommand({ cluster: 'shop', service: 'payments' }),
    );
    expect(taskSets).toHaveLength(1);
    expect(taskSets![0]).toMatchObject({
      status: 'PRIMARY',
      taskDefinition: v1,
      startedBy: 'CodeDeploy',
    });
    await expect(
      ecs.send(
        new UpdateServiceCommand({
          cluster: 'shop',
          service: 'payments',
          taskDefinition: v2,
        }),
      ),
    ).rejects.toThrow(
      /Unable to update task definition on services with a CODE_DEPLOY deployment controller/,
    );
    await expect(
      ecs.send(
        new CreateTaskSetCommand({
          cluster: 'shop',
          service: 'payments',
          taskDefinition: v2,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('answers ThrottlingException when faults are injected', async () => {
    sb.faults.set('ecs:DescribeServices', { throttleRate: 1 });
    await expect(
      ecs.send(
        new DescribeServicesCommand({ cluster: 'shop', services: ['x'] }),
      ),
    ).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(sb.callLog.count('ecs:DescribeServices')).toBe(1);
  });

  it('answers a repeated CreateTaskSet clientToken with the task set it created', async () => {
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'notify',
        desiredCount: 2,
        deploymentController: { type: 'EXTERNAL' },
      }),
    );
    const create = () =>
      ecs.send(
        new CreateTaskSetCommand({
          cluster: 'shop',
          service: 'notify',
          taskDefinition: v1,
          clientToken: 'release-1',
        }),
      );
    const first = (await create()).taskSet!;
    const again = (await create()).taskSet!;
    expect(again.taskSetArn).toBe(first.taskSetArn);
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['notify'] }),
    );
    expect(services![0].taskSets).toHaveLength(1);
  });

  it('refuses a task set of an awsvpc task definition without a network configuration', async () => {
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'notify',
        desiredCount: 2,
        deploymentController: { type: 'EXTERNAL' },
      }),
    );
    const awsvpc = (
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'notify-fargate',
          networkMode: 'awsvpc',
          requiresCompatibilities: ['FARGATE'],
          cpu: '256',
          memory: '512',
          containerDefinitions: [{ name: 'app', image: 'notify:3' }],
        }),
      )
    ).taskDefinition!.taskDefinitionArn!;
    await expect(
      ecs.send(
        new CreateTaskSetCommand({
          cluster: 'shop',
          service: 'notify',
          taskDefinition: awsvpc,
          launchType: 'FARGATE',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    });
    const created = await ecs.send(
      new CreateTaskSetCommand({
        cluster: 'shop',
        service: 'notify',
        taskDefinition: awsvpc,
        launchType: 'FARGATE',
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] },
        },
      }),
    );
    expect(created.taskSet!.networkConfiguration).toEqual({
      awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] },
    });
  });
});

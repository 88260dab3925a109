import {
  BatchGetDeploymentTargetsCommand,
  CodeDeployClient,
  ContinueDeploymentCommand,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentConfigCommand,
  CreateDeploymentGroupCommand,
  DeploymentDoesNotExistException,
  DeploymentIsNotInReadyStateException,
  DeploymentLimitExceededException,
  DeploymentNotStartedException,
  GetDeploymentCommand,
  GetDeploymentTargetCommand,
  InvalidDeploymentStatusException,
  ListDeploymentsCommand,
  ListDeploymentTargetsCommand,
  SkipWaitTimeForInstanceTerminationCommand,
  StopDeploymentCommand,
  paginateListDeployments,
  waitUntilDeploymentSuccessful,
  type CreateDeploymentGroupCommandInput,
} from '@aws-sdk/client-codedeploy';
import { startSandbox, type RunningSandbox } from '../../server/startSandbox';
import { codeDeployModule } from '.';
import { FakeNeighbours } from './__fixtures__/fakeNeighbours';

/*
 * CodeDeploy's ECS blue/green lifecycle over HTTP with the real SDK client,
 * against recording stand-ins for ECS and ELBv2 (the conformance suite runs
 * the same flows against the real neighbours).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const appspec = (taskDefinition: string, hooks: Record<string, string> = {}) =>
  [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    `        TaskDefinition: "${taskDefinition}"`,
    '        LoadBalancerInfo:',
    '          ContainerName: "app"',
    '          ContainerPort: 8080',
    ...(Object.keys(hooks).length
      ? ['Hooks:', ...Object.entries(hooks).map(([k, v]) => `  - ${k}: "${v}"`)]
      : []),
  ].join('\n');

describe('CodeDeploy ECS blue/green', () => {
  let sb: RunningSandbox;
  let fake: FakeNeighbours;
  let client: CodeDeployClient;
  const prod = () => fake.listenerArn('web-prod');
  const test = () => fake.listenerArn('web-test');

  const advance = (ms: number) => {
    sb.clock.advance(ms);
    sb.world.tick();
  };
  const greenWeight = (listener: string) =>
    fake.listeners
      .get(listener)!
      .find(w => w.targetGroupArn.includes('/web-green/'))!.weight;
  const get = async (deploymentId: string) =>
    (await client.send(new GetDeploymentCommand({ deploymentId })))
      .deploymentInfo!;
  const target = async (deploymentId: string) =>
    (
      await client.send(
        new GetDeploymentTargetCommand({
          deploymentId,
          targetId: 'web-cluster:web',
        }),
      )
    ).deploymentTarget!.ecsTarget!;

  async function setUp(group: Partial<CreateDeploymentGroupCommandInput> = {}) {
    await client.send(
      new CreateApplicationCommand({
        applicationName: 'web',
        computePlatform: 'ECS',
      }),
    );
    await client.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'web',
        deploymentGroupName: 'web-dg',
        serviceRoleArn: 'arn:aws:iam::111111111111:role/codedeploy',
        deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
        deploymentStyle: {
          deploymentType: 'BLUE_GREEN',
          deploymentOption: 'WITH_TRAFFIC_CONTROL',
        },
        ecsServices: [{ clusterName: 'web-cluster', serviceName: 'web' }],
        loadBalancerInfo: {
          targetGroupPairInfoList: [
            {
              targetGroups: [{ name: 'web-blue' }, { name: 'web-green' }],
              prodTrafficRoute: { listenerArns: [prod()] },
              testTrafficRoute: { listenerArns: [test()] },
            },
          ],
        },
        blueGreenDeploymentConfiguration: {
          deploymentReadyOption: {
            actionOnTimeout: 'CONTINUE_DEPLOYMENT',
            waitTimeInMinutes: 0,
          },
          terminateBlueInstancesOnDeploymentSuccess: {
            action: 'TERMINATE',
            terminationWaitTimeInMinutes: 60,
          },
        },
        autoRollbackConfiguration: {
          enabled: true,
          events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST'],
        },
        ...group,
      }),
    );
  }

  const deploy = async (hooks: Record<string, string> = {}) =>
    (
      await client.send(
        new CreateDeploymentCommand({
          applicationName: 'web',
          deploymentGroupName: 'web-dg',
          revision: {
            revisionType: 'AppSpecContent',
            appSpecContent: {
              content: appspec(
                'arn:aws:ecs:eu-west-1:111111111111:task-definition/web:2',
                hooks,
              ),
            },
          },
        }),
      )
    ).deploymentId!;

  beforeEach(async () => {
    fake = new FakeNeighbours();
    fake.addService('web', 'web-blue', 'web-green', ['web-prod', 'web-test']);
    sb = await startSandbox({
      modules: [fake.module(), codeDeployModule],
      speed: 0,
    });
    client = new CodeDeployClient({
      endpoint: sb.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  });

  afterEach(async () => {
    client.destroy();
    await sb.close();
  });

  it('moves a canary from blue to green step by step, then terminates blue', async () => {
    await setUp();
    const id = await deploy();
    expect((await get(id)).status).toBe('Created');
    // No targets before it starts: every target call says so, as AWS does.
    for (const command of [
      new ListDeploymentTargetsCommand({ deploymentId: id }),
      new GetDeploymentTargetCommand({
        deploymentId: id,
        targetId: 'web-cluster:web',
      }),
      new BatchGetDeploymentTargetsCommand({
        deploymentId: id,
        targetIds: ['web-cluster:web'],
      }),
    ]) {
      await expect(client.send(command as any)).rejects.toBeInstanceOf(
        DeploymentNotStartedException,
      );
    }

    advance(10 * SECOND);
    expect((await get(id)).status).toBe('InProgress');
    const installing = await target(id);
    expect(
      installing.lifecycleEvents!.find(e => e.lifecycleEventName === 'Install')!
        .status,
    ).toBe('InProgress');
    expect(
      installing.taskSetsInfo!.map(t => [t.taskSetLabel, t.trafficWeight]),
    ).toEqual([
      ['Blue', 100],
      ['Green', 0],
    ]);
    expect(greenWeight(prod())).toBe(0);

    advance(80 * SECOND);
    const canary = await target(id);
    expect(
      canary.taskSetsInfo!.find(t => t.taskSetLabel === 'Green'),
    ).toMatchObject({
      trafficWeight: 10,
      targetGroup: { name: 'web-green' },
    });
    expect(greenWeight(prod())).toBe(10);
    expect(greenWeight(test())).toBe(100);

    advance(5 * MINUTE);
    expect(greenWeight(prod())).toBe(100);
    const waiting = await get(id);
    expect(waiting).toMatchObject({
      status: 'InProgress',
      instanceTerminationWaitTimeStarted: true,
    });
    const afterShift = await target(id);
    expect(
      afterShift.lifecycleEvents!.every(e => e.status === 'Succeeded'),
    ).toBe(true);
    expect(fake.deletedTaskSets).toHaveLength(0);

    await client.send(
      new ContinueDeploymentCommand({
        deploymentId: id,
        deploymentWaitType: 'TERMINATION_WAIT',
      }),
    );
    const result = await waitUntilDeploymentSuccessful(
      { client, maxWaitTime: 5, minDelay: 1 },
      { deploymentId: id },
    );
    expect(result.state).toBe('SUCCESS');
    expect(fake.deletedTaskSets).toEqual([
      expect.stringContaining('/ecs-svc/1000000000000000000'),
    ]);
    const green = [...fake.taskSets.values()].find(t => t.primary)!;
    expect(green.taskDefinition).toBe(
      'arn:aws:ecs:eu-west-1:111111111111:task-definition/web:2',
    );
  });

  it('waits at Ready with STOP_DEPLOYMENT until continued, refusing the wrong wait type', async () => {
    await setUp({
      blueGreenDeploymentConfiguration: {
        deploymentReadyOption: {
          actionOnTimeout: 'STOP_DEPLOYMENT',
          waitTimeInMinutes: 30,
        },
        terminateBlueInstancesOnDeploymentSuccess: {
          action: 'TERMINATE',
          terminationWaitTimeInMinutes: 0,
        },
      },
      deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
    });
    const id = await deploy();
    await expect(
      client.send(
        new ContinueDeploymentCommand({
          deploymentId: id,
          deploymentWaitType: 'READY_WAIT',
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentIsNotInReadyStateException);

    advance(2 * MINUTE);
    expect((await get(id)).status).toBe('Ready');
    expect(greenWeight(test())).toBe(100);
    expect(greenWeight(prod())).toBe(0);
    await expect(
      client.send(
        new ContinueDeploymentCommand({
          deploymentId: id,
          deploymentWaitType: 'TERMINATION_WAIT',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidDeploymentStatusException);

    await client.send(
      new ContinueDeploymentCommand({
        deploymentId: id,
        deploymentWaitType: 'READY_WAIT',
      }),
    );
    advance(10 * SECOND);
    expect((await get(id)).status).toBe('Succeeded');
    expect(greenWeight(prod())).toBe(100);
  });

  it('stops at the end of the ready wait when nobody continues', async () => {
    await setUp({
      blueGreenDeploymentConfiguration: {
        deploymentReadyOption: {
          actionOnTimeout: 'STOP_DEPLOYMENT',
          waitTimeInMinutes: 30,
        },
      },
    });
    const id = await deploy();
    advance(33 * MINUTE);
    const info = await get(id);
    expect(info).toMatchObject({
      status: 'Stopped',
      errorInformation: { code: 'TIMEOUT' },
    });
    expect(greenWeight(test())).toBe(0);
  });

  it('stops and rolls back: traffic returns to blue and a rollback deployment runs', async () => {
    await setUp();
    const id = await deploy();
    advance(90 * SECOND);
    expect(greenWeight(prod())).toBe(10);

    await client.send(
      new StopDeploymentCommand({
        deploymentId: id,
        autoRollbackEnabled: true,
      }),
    );
    const stopped = await get(id);
    expect(stopped.status).toBe('Stopped');
    expect(greenWeight(prod())).toBe(0);
    expect(greenWeight(test())).toBe(0);
    const rollbackId = stopped.rollbackInfo!.rollbackDeploymentId!;
    const rollback = await get(rollbackId);
    expect(rollback).toMatchObject({
      creator: 'codeDeployRollback',
      status: 'InProgress',
      rollbackInfo: { rollbackTriggeringDeploymentId: id },
    });
    await expect(deploy()).rejects.toBeInstanceOf(
      DeploymentLimitExceededException,
    );
    advance(MINUTE);
    expect((await get(rollbackId)).status).toBe('Succeeded');
    const blue = [...fake.taskSets.values()].find(t => t.primary)!;
    expect(blue.arn).toContain('/ecs-svc/1000000000000000000');
  });

  it('fails on a failing hook and rolls back automatically', async () => {
    await setUp();
    const id = await deploy({ AfterAllowTestTraffic: 'web-smoke-test-fail' });
    advance(3 * MINUTE);
    const info = await get(id);
    expect(info).toMatchObject({
      status: 'Failed',
      errorInformation: { code: 'HOOK_EXECUTION_FAILURE' },
    });
    expect(info.rollbackInfo?.rollbackDeploymentId).toBeDefined();
    const events = (await target(id)).lifecycleEvents!;
    expect(
      events.find(e => e.lifecycleEventName === 'AfterAllowTestTraffic')!
        .status,
    ).toBe('Failed');
    expect(
      events.find(e => e.lifecycleEventName === 'AllowTraffic')!.status,
    ).toBe('Skipped');
  });

  it('records stopped tasks when the replacement cannot start (sandbox knob)', async () => {
    await setUp();
    sb.world.stores.codedeploy.failNextDeployment(
      {
        accountId: '111111111111',
        region: 'eu-west-1',
        applicationName: 'web',
        deploymentGroupName: 'web-dg',
      },
      {
        event: 'Install',
        reason: 'Essential container in task exited',
        exitCode: 137,
      },
    );
    const id = await deploy();
    const greenArn = () =>
      [...fake.taskSets.values()].find(t => !t.primary)?.arn;
    advance(30 * SECOND);
    const green = fake.taskSets.get(greenArn()!)!;
    advance(2 * MINUTE);
    expect((await get(id)).errorInformation?.code).toBe('ECS_UPDATE_ERROR');
    expect(green.stopped[0]).toEqual({
      reason: 'Essential container in task exited',
      exitCode: 137,
    });
    expect(fake.deletedTaskSets).toContain(green.arn);
  });

  it('lists deployments newest first with filters and pages', async () => {
    await setUp({ deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await deploy());
      advance(2 * MINUTE);
      // the deprecated SkipWaitTimeForInstanceTermination does the same
      await client.send(
        i === 1
          ? new SkipWaitTimeForInstanceTerminationCommand({
              deploymentId: ids[i],
            })
          : new ContinueDeploymentCommand({
              deploymentId: ids[i],
              deploymentWaitType: 'TERMINATION_WAIT',
            }),
      );
      expect((await get(ids[i])).status).toBe('Succeeded');
    }
    const last = await deploy();
    const all: string[] = [];
    for await (const page of paginateListDeployments(
      { client, pageSize: 2 },
      { applicationName: 'web', deploymentGroupName: 'web-dg' },
    )) {
      all.push(...page.deployments!);
    }
    expect(all).toEqual([last, ...ids.reverse()]);
    const running = await client.send(
      new ListDeploymentsCommand({
        applicationName: 'web',
        deploymentGroupName: 'web-dg',
        includeOnlyStatuses: ['Created', 'InProgress'],
      }),
    );
    expect(running.deployments).toEqual([last]);
    const recent = await client.send(
      new ListDeploymentsCommand({
        createTimeRange: { start: new Date(sb.clock.nowMs() - 60 * SECOND) },
      }),
    );
    expect(recent.deployments).toEqual([last]);
    expect(
      (
        await client.send(
          new ListDeploymentTargetsCommand({ deploymentId: ids[0] }),
        )
      ).targetIds,
    ).toEqual(['web-cluster:web']);
  });

  it('shifts linearly by a custom config and raises real exceptions', async () => {
    await client.send(
      new CreateDeploymentConfigCommand({
        deploymentConfigName: 'Linear25Every2',
        computePlatform: 'ECS',
        trafficRoutingConfig: {
          type: 'TimeBasedLinear',
          timeBasedLinear: { linearPercentage: 25, linearInterval: 2 },
        },
      }),
    );
    await setUp({ deploymentConfigName: 'Linear25Every2' });
    const id = await deploy();
    advance(80 * SECOND);
    const seen = [greenWeight(prod())];
    for (let i = 0; i < 3; i++) {
      advance(2 * MINUTE);
      seen.push(greenWeight(prod()));
    }
    expect(seen).toEqual([25, 50, 75, 100]);
    await expect(
      client.send(new GetDeploymentCommand({ deploymentId: 'd-NOPE12345' })),
    ).rejects.toBeInstanceOf(DeploymentDoesNotExistException);
    expect((await get(id)).deploymentConfigName).toBe('Linear25Every2');
  });
});

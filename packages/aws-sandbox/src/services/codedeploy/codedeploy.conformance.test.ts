import {
  ApplicationAlreadyExistsException,
  ApplicationDoesNotExistException,
  BatchGetApplicationsCommand,
  BatchGetDeploymentGroupsCommand,
  BatchGetDeploymentTargetsCommand,
  BatchGetDeploymentsCommand,
  CodeDeployClient,
  ContinueDeploymentCommand,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  DeploymentConfigDoesNotExistException,
  DeploymentGroupDoesNotExistException,
  DeploymentIsNotInReadyStateException,
  DeploymentLimitExceededException,
  GetApplicationCommand,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  GetDeploymentTargetCommand,
  InvalidECSServiceException,
  ListApplicationsCommand,
  ListDeploymentConfigsCommand,
  ListDeploymentGroupsCommand,
  ListDeploymentTargetsCommand,
  ListTagsForResourceCommand,
  StopDeploymentCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDeploymentGroupCommand,
  waitUntilDeploymentSuccessful,
} from '@aws-sdk/client-codedeploy';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTaskSetsCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSandbox, type RunningSandbox } from '../../server/startSandbox';
import { createBlueGreenAlb } from '../elbv2/__testUtils__/createAlb';

/*
 * Conformance: CodeDeploy with the real ECS and ELBv2 of the sandbox, driven
 * by the SDK clients over HTTP. Time moves with clock.advance + world.tick.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const ROLE = 'arn:aws:iam::111111111111:role/CodeDeployServiceRoleForECS';

describe('CodeDeploy conformance', () => {
  let sb: RunningSandbox;
  let codedeploy: CodeDeployClient;
  let ecs: ECSClient;
  let elb: ElasticLoadBalancingV2Client;
  let alb: Awaited<ReturnType<typeof createBlueGreenAlb>>;
  let nextTaskDefinition: string;

  const advance = (ms: number) => {
    sb.clock.advance(ms);
    sb.world.tick();
  };
  const weights = async (listenerArn: string) => {
    const { Listeners } = await elb.send(
      new DescribeListenersCommand({ ListenerArns: [listenerArn] }),
    );
    const groups =
      Listeners![0].DefaultActions![0].ForwardConfig?.TargetGroups ?? [];
    const weight = (arn: string) =>
      groups.find(g => g.TargetGroupArn === arn)?.Weight ?? 0;
    return { blue: weight(alb.blue), green: weight(alb.green) };
  };
  const greenSet = async (deploymentId: string) =>
    (
      await codedeploy.send(
        new GetDeploymentTargetCommand({ deploymentId, targetId: 'shop:web' }),
      )
    ).deploymentTarget!.ecsTarget!.taskSetsInfo!.find(
      t => t.taskSetLabel === 'Green',
    )!;
  const status = async (deploymentId: string) =>
    (await codedeploy.send(new GetDeploymentCommand({ deploymentId })))
      .deploymentInfo!.status;
  const deploy = async () =>
    (
      await codedeploy.send(
        new CreateDeploymentCommand({
          applicationName: 'web',
          deploymentGroupName: 'web-dg',
          description: 'conformance',
          revision: {
            revisionType: 'AppSpecContent',
            appSpecContent: {
              content: JSON.stringify({
                version: 0.0,
                Resources: [
                  {
                    TargetService: {
                      Type: 'AWS::ECS::Service',
                      Properties: {
                        TaskDefinition: nextTaskDefinition,
                        LoadBalancerInfo: {
                          ContainerName: 'web',
                          ContainerPort: 8080,
                        },
                      },
                    },
                  },
                ],
              }),
            },
          },
        }),
      )
    ).deploymentId!;

  beforeEach(async () => {
    sb = await startSandbox({ speed: 0 });
    const config = {
      endpoint: sb.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    };
    codedeploy = new CodeDeployClient(config);
    ecs = new ECSClient(config);
    elb = new ElasticLoadBalancingV2Client(config);
    alb = await createBlueGreenAlb(elb, 'web');
    await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    const register = async (image: string) =>
      (
        await ecs.send(
          new RegisterTaskDefinitionCommand({
            family: 'web',
            requiresCompatibilities: ['FARGATE'],
            networkMode: 'awsvpc',
            cpu: '256',
            memory: '512',
            containerDefinitions: [
              {
                name: 'web',
                image,
                essential: true,
                portMappings: [{ containerPort: 8080 }],
              },
            ],
          }),
        )
      ).taskDefinition!.taskDefinitionArn!;
    const first = await register('web:1');
    nextTaskDefinition = await register('web:2');
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'web',
        taskDefinition: first,
        desiredCount: 2,
        launchType: 'FARGATE',
        deploymentController: { type: 'CODE_DEPLOY' },
        loadBalancers: [
          {
            targetGroupArn: alb.blue,
            containerName: 'web',
            containerPort: 8080,
          },
        ],
      }),
    );
    advance(MINUTE);
    await codedeploy.send(
      new CreateApplicationCommand({
        applicationName: 'web',
        computePlatform: 'ECS',
      }),
    );
    await codedeploy.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'web',
        deploymentGroupName: 'web-dg',
        serviceRoleArn: ROLE,
        deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
        deploymentStyle: {
          deploymentType: 'BLUE_GREEN',
          deploymentOption: 'WITH_TRAFFIC_CONTROL',
        },
        ecsServices: [{ clusterName: 'shop', serviceName: 'web' }],
        loadBalancerInfo: {
          targetGroupPairInfoList: [
            {
              targetGroups: [{ name: 'web-blue' }, { name: 'web-green' }],
              prodTrafficRoute: { listenerArns: [alb.production] },
              testTrafficRoute: { listenerArns: [alb.test] },
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
        tags: [{ Key: 'backstage.io/entity', Value: 'component:default/web' }],
      }),
    );
  });

  afterEach(async () => {
    codedeploy.destroy();
    ecs.destroy();
    elb.destroy();
    await sb.close();
  });

  it('runs a canary blue/green deployment on the real listeners and task sets', async () => {
    const id = await deploy();
    expect((await weights(alb.production)).green).toBe(0);

    advance(40 * SECOND);
    expect(await status(id)).toBe('InProgress');
    const taskSets = await ecs.send(
      new DescribeTaskSetsCommand({ cluster: 'shop', service: 'web' }),
    );
    expect(taskSets.taskSets!.map(t => t.taskDefinition).sort()).toContain(
      nextTaskDefinition,
    );

    advance(50 * SECOND);
    expect((await greenSet(id)).trafficWeight).toBe(10);
    expect(await weights(alb.production)).toEqual({ blue: 90, green: 10 });
    expect(await weights(alb.test)).toEqual({ blue: 0, green: 100 });

    advance(5 * MINUTE);
    expect((await greenSet(id)).trafficWeight).toBe(100);
    expect(await weights(alb.production)).toEqual({ blue: 0, green: 100 });
    const waiting = (
      await codedeploy.send(new GetDeploymentCommand({ deploymentId: id }))
    ).deploymentInfo!;
    expect(waiting).toMatchObject({
      status: 'InProgress',
      instanceTerminationWaitTimeStarted: true,
    });

    advance(61 * MINUTE);
    await waitUntilDeploymentSuccessful(
      { client: codedeploy, maxWaitTime: 5, minDelay: 1 },
      { deploymentId: id },
    );
    const service = (
      await ecs.send(
        new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }),
      )
    ).services![0];
    expect(service.taskDefinition).toBe(nextTaskDefinition);
    const remaining = await ecs.send(
      new DescribeTaskSetsCommand({ cluster: 'shop', service: 'web' }),
    );
    expect(
      remaining
        .taskSets!.filter(t => t.status !== 'DRAINING')
        .map(t => [t.status, t.taskDefinition]),
    ).toEqual([['PRIMARY', nextTaskDefinition]]);
  });

  it('stops and rolls back: production traffic returns to blue', async () => {
    const id = await deploy();
    advance(90 * SECOND);
    expect(await weights(alb.production)).toEqual({ blue: 90, green: 10 });
    await expect(deploy()).rejects.toBeInstanceOf(
      DeploymentLimitExceededException,
    );

    await codedeploy.send(
      new StopDeploymentCommand({
        deploymentId: id,
        autoRollbackEnabled: true,
      }),
    );
    expect(await weights(alb.production)).toEqual({ blue: 100, green: 0 });
    expect(await weights(alb.test)).toEqual({ blue: 100, green: 0 });
    const stopped = (
      await codedeploy.send(new GetDeploymentCommand({ deploymentId: id }))
    ).deploymentInfo!;
    expect(stopped.status).toBe('Stopped');
    const rollbackId = stopped.rollbackInfo!.rollbackDeploymentId!;
    advance(MINUTE);
    const batch = await codedeploy.send(
      new BatchGetDeploymentsCommand({ deploymentIds: [id, rollbackId] }),
    );
    expect(batch.deploymentsInfo!.map(d => [d.status, d.creator])).toEqual([
      ['Stopped', 'user'],
      ['Succeeded', 'codeDeployRollback'],
    ]);
    const service = (
      await ecs.send(
        new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }),
      )
    ).services![0];
    expect(service.taskDefinition).not.toBe(nextTaskDefinition);
  });

  it('serves applications, groups, configs, targets and tags with the real exceptions', async () => {
    expect(
      (
        await codedeploy.send(
          new GetApplicationCommand({ applicationName: 'web' }),
        )
      ).application,
    ).toMatchObject({
      applicationName: 'web',
      computePlatform: 'ECS',
    });
    expect(
      (
        await codedeploy.send(
          new BatchGetApplicationsCommand({ applicationNames: ['web'] }),
        )
      ).applicationsInfo,
    ).toHaveLength(1);
    expect(
      (await codedeploy.send(new ListApplicationsCommand({}))).applications,
    ).toEqual(['web']);
    await expect(
      codedeploy.send(
        new CreateApplicationCommand({
          applicationName: 'web',
          computePlatform: 'ECS',
        }),
      ),
    ).rejects.toBeInstanceOf(ApplicationAlreadyExistsException);
    await expect(
      codedeploy.send(new GetApplicationCommand({ applicationName: 'nope' })),
    ).rejects.toBeInstanceOf(ApplicationDoesNotExistException);

    const group = (
      await codedeploy.send(
        new GetDeploymentGroupCommand({
          applicationName: 'web',
          deploymentGroupName: 'web-dg',
        }),
      )
    ).deploymentGroupInfo!;
    expect(group).toMatchObject({
      computePlatform: 'ECS',
      ecsServices: [{ clusterName: 'shop', serviceName: 'web' }],
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    });
    await codedeploy.send(
      new UpdateDeploymentGroupCommand({
        applicationName: 'web',
        currentDeploymentGroupName: 'web-dg',
        deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
      }),
    );
    const updated = await codedeploy.send(
      new BatchGetDeploymentGroupsCommand({
        applicationName: 'web',
        deploymentGroupNames: ['web-dg'],
      }),
    );
    expect(updated.deploymentGroupsInfo![0].deploymentConfigName).toBe(
      'CodeDeployDefault.ECSAllAtOnce',
    );
    expect(
      (
        await codedeploy.send(
          new ListDeploymentGroupsCommand({ applicationName: 'web' }),
        )
      ).deploymentGroups,
    ).toEqual(['web-dg']);
    await expect(
      codedeploy.send(
        new GetDeploymentGroupCommand({
          applicationName: 'web',
          deploymentGroupName: 'nope',
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentGroupDoesNotExistException);
    await expect(
      codedeploy.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'web',
          deploymentGroupName: 'missing-service',
          serviceRoleArn: ROLE,
          deploymentStyle: {
            deploymentType: 'BLUE_GREEN',
            deploymentOption: 'WITH_TRAFFIC_CONTROL',
          },
          ecsServices: [{ clusterName: 'shop', serviceName: 'nope' }],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidECSServiceException);

    const canary = await codedeploy.send(
      new GetDeploymentConfigCommand({
        deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent15Minutes',
      }),
    );
    expect(canary.deploymentConfigInfo!.trafficRoutingConfig).toEqual({
      type: 'TimeBasedCanary',
      timeBasedCanary: { canaryPercentage: 10, canaryInterval: 15 },
    });
    expect(
      (await codedeploy.send(new ListDeploymentConfigsCommand({})))
        .deploymentConfigsList,
    ).toContain('CodeDeployDefault.ECSLinear10PercentEvery3Minutes');
    await expect(
      codedeploy.send(
        new GetDeploymentConfigCommand({ deploymentConfigName: 'Nope' }),
      ),
    ).rejects.toBeInstanceOf(DeploymentConfigDoesNotExistException);

    const id = await deploy();
    advance(10 * SECOND);
    const { targetIds } = await codedeploy.send(
      new ListDeploymentTargetsCommand({ deploymentId: id }),
    );
    expect(targetIds).toEqual(['shop:web']);
    const targets = await codedeploy.send(
      new BatchGetDeploymentTargetsCommand({ deploymentId: id, targetIds }),
    );
    expect(targets.deploymentTargets![0]).toMatchObject({
      deploymentTargetType: 'ECSTarget',
      ecsTarget: {
        targetArn: expect.stringContaining(':service/shop/web'),
        status: 'InProgress',
      },
    });
    await expect(
      codedeploy.send(
        new ContinueDeploymentCommand({
          deploymentId: id,
          deploymentWaitType: 'READY_WAIT',
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentIsNotInReadyStateException);

    const arn =
      'arn:aws:codedeploy:eu-west-1:111111111111:deploymentgroup:web/web-dg';
    await codedeploy.send(
      new TagResourceCommand({
        ResourceArn: arn,
        Tags: [{ Key: 'environment', Value: 'dev' }],
      }),
    );
    await codedeploy.send(
      new UntagResourceCommand({
        ResourceArn: arn,
        TagKeys: ['backstage.io/entity'],
      }),
    );
    expect(
      (
        await codedeploy.send(
          new ListTagsForResourceCommand({ ResourceArn: arn }),
        )
      ).Tags,
    ).toEqual([{ Key: 'environment', Value: 'dev' }]);
  });
});

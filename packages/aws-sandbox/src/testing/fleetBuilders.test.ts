import {
  CodeDeployClient,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import {
  CodePipelineClient,
  GetPipelineCommand,
} from '@aws-sdk/client-codepipeline';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { startSandbox, type RunningSandbox } from '../server';
import { advanceSandbox, sandboxClientConfig } from '../testUtils';
import {
  createBlueGreenAlb,
  createCluster,
  createCodeDeployGroup,
  createEcsService,
  createPipeline,
  createRepository,
  invokeFleetCaller,
  lowerCaseTags,
  ownerTags,
  pushImage,
  registerTaskDefinition,
  sdkFleetCaller,
  startCodeDeployDeployment,
  type FleetCaller,
} from '.';

/*
 * The fleet builders produce the same shapes through the SDK over HTTP and
 * through the sandbox's in-process operations; each shape is read back with
 * the SDK.
 */

function sdkClients(sb: RunningSandbox) {
  const config = sandboxClientConfig(sb);
  return {
    ecs: new ECSClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    codeDeploy: new CodeDeployClient(config),
    codePipeline: new CodePipelineClient(config),
    ecr: new ECRClient(config),
    tagging: new ResourceGroupsTaggingAPIClient(config),
  };
}
type Clients = ReturnType<typeof sdkClients>;

describe.each([
  ['the SDK', (_sb: RunningSandbox, c: Clients) => sdkFleetCaller(c)],
  [
    'in-process operations',
    (sb: RunningSandbox) => invokeFleetCaller(sb.invoke),
  ],
])('fleet builders through %s', (_how, callerOf) => {
  let sb: RunningSandbox;
  let clients: Clients;
  let caller: FleetCaller;
  const owner = ownerTags('component:default/payments-api', {
    environment: 'prod',
  });

  beforeEach(async () => {
    sb = await startSandbox();
    clients = sdkClients(sb);
    caller = callerOf(sb, clients);
    await createCluster(caller, { name: 'storefront-prod', tags: owner });
  });
  afterEach(async () => {
    Object.values(clients).forEach(c => c.destroy());
    await sb.close();
  });

  const describeService = async (name: string) =>
    (
      await clients.ecs.send(
        new DescribeServicesCommand({
          cluster: 'storefront-prod',
          services: [name],
          include: ['TAGS'],
        }),
      )
    ).services![0];

  it('builds an ALB with blue/green target groups and production/test listeners', async () => {
    const alb = await createBlueGreenAlb(caller, { name: 'payments-api-prod' });
    const { TargetGroups } = await clients.elbv2.send(
      new DescribeTargetGroupsCommand({
        TargetGroupArns: [alb.blue, alb.green],
      }),
    );
    expect(TargetGroups!.map(t => t.TargetGroupName)).toEqual([
      'payments-api-prod-blue',
      'payments-api-prod-green',
    ]);
    const { Listeners } = await clients.elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: alb.lbArn }),
    );
    expect(Listeners!.map(l => [l.ListenerArn, l.Port])).toEqual([
      [alb.production, 80],
      [alb.test, 8080],
    ]);
    expect(Listeners![0].DefaultActions![0].TargetGroupArn).toBe(alb.blue);
    const { Rules } = await clients.elbv2.send(
      new DescribeRulesCommand({ ListenerArn: alb.test }),
    );
    expect(Rules!.find(r => r.IsDefault)!.RuleArn).toBe(alb.testRule);
  });

  it('can leave green standing by at weight 0', async () => {
    const alb = await createBlueGreenAlb(caller, {
      name: 'payments-api-prod',
      standbyGreen: true,
    });
    const { Listeners } = await clients.elbv2.send(
      new DescribeListenersCommand({ ListenerArns: [alb.production] }),
    );
    expect(
      Listeners![0].DefaultActions![0].ForwardConfig!.TargetGroups,
    ).toEqual([
      expect.objectContaining({ TargetGroupArn: alb.blue, Weight: 100 }),
      expect.objectContaining({ TargetGroupArn: alb.green, Weight: 0 }),
    ]);
  });

  it('builds a service per controller', async () => {
    const alb = await createBlueGreenAlb(caller, { name: 'payments-api-prod' });
    const taskDefinition = await registerTaskDefinition(caller, {
      family: 'payments-api',
      image: 'payments-api:1',
    });
    const common = { cluster: 'storefront-prod', taskDefinition, alb };
    await createEcsService(caller, {
      ...common,
      serviceName: 'cd',
      controller: { type: 'CODE_DEPLOY' },
      tags: owner,
    });
    await createEcsService(caller, {
      ...common,
      serviceName: 'bg',
      controller: {
        type: 'ECS',
        deploymentConfiguration: { strategy: 'BLUE_GREEN' },
        infrastructureRoleArn: 'arn:aws:iam::111111111111:role/ecs-infra',
      },
    });
    await createEcsService(caller, {
      ...common,
      serviceName: 'rolling',
      controller: { type: 'ECS' },
    });
    const external = await createEcsService(caller, {
      ...common,
      serviceName: 'ext',
      controller: { type: 'EXTERNAL' },
    });
    advanceSandbox(sb, 60_000);

    const cd = await describeService('cd');
    expect(cd.deploymentController?.type).toBe('CODE_DEPLOY');
    expect(cd.taskSets).toEqual([
      expect.objectContaining({ status: 'PRIMARY', taskDefinition }),
    ]);
    expect(cd.tags).toEqual(lowerCaseTags(owner));

    const bg = await describeService('bg');
    expect(bg.loadBalancers![0].advancedConfiguration).toMatchObject({
      alternateTargetGroupArn: alb.green,
      productionListenerRule: alb.productionRule,
      testListenerRule: alb.testRule,
    });
    expect(
      (await describeService('rolling')).loadBalancers![0]
        .advancedConfiguration,
    ).toBeUndefined();

    const ext = await describeService('ext');
    expect(ext.taskSets).toEqual([
      expect.objectContaining({
        taskSetArn: external.primaryTaskSetArn,
        status: 'PRIMARY',
        externalId: 'ext-blue',
        loadBalancers: [expect.objectContaining({ targetGroupArn: alb.blue })],
      }),
    ]);
  });

  it('builds a CodeDeploy group that deploys the service', async () => {
    const alb = await createBlueGreenAlb(caller, { name: 'payments-api-prod' });
    const v1 = await registerTaskDefinition(caller, {
      family: 'payments-api',
      image: 'payments-api:1',
    });
    await createEcsService(caller, {
      cluster: 'storefront-prod',
      serviceName: 'payments-api',
      taskDefinition: v1,
      controller: { type: 'CODE_DEPLOY' },
      alb,
    });
    const group = {
      applicationName: 'payments-api-prod',
      deploymentGroupName: 'payments-api-prod-dg',
    };
    await createCodeDeployGroup(caller, {
      ...group,
      cluster: 'storefront-prod',
      serviceName: 'payments-api',
      alb,
      serviceRoleArn: 'arn:aws:iam::111111111111:role/codedeploy',
      deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
      readyWaitMinutes: 30,
      terminationWaitMinutes: 5,
      alarms: ['payments-api-prod-5xx'],
      tags: owner,
    });
    const { deploymentGroupInfo } = await clients.codeDeploy.send(
      new GetDeploymentGroupCommand(group),
    );
    expect(deploymentGroupInfo).toMatchObject({
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [
              { name: 'payments-api-prod-blue' },
              { name: 'payments-api-prod-green' },
            ],
            prodTrafficRoute: { listenerArns: [alb.production] },
            testTrafficRoute: { listenerArns: [alb.test] },
          },
        ],
      },
      blueGreenDeploymentConfiguration: {
        deploymentReadyOption: {
          actionOnTimeout: 'STOP_DEPLOYMENT',
          waitTimeInMinutes: 30,
        },
      },
      alarmConfiguration: { alarms: [{ name: 'payments-api-prod-5xx' }] },
    });
    advanceSandbox(sb, 60_000);
    const deploymentId = await startCodeDeployDeployment(caller, {
      ...group,
      taskDefinition: await registerTaskDefinition(caller, {
        family: 'payments-api',
        image: 'payments-api:2',
      }),
    });
    const { deploymentInfo } = await clients.codeDeploy.send(
      new GetDeploymentCommand({ deploymentId }),
    );
    expect(deploymentInfo?.deploymentGroupName).toBe('payments-api-prod-dg');
  });

  it('builds a pipeline with image and infra sources, approval and deploy', async () => {
    await createPipeline(
      caller,
      {
        name: 'payments-api-prod',
        roleArn: 'arn:aws:iam::111111111111:role/pipeline',
        artifactBucket: 'artifacts',
        image: { repository: 'payments-api', tag: 'prod' },
        infra: { repository: 'payments-api-infra', branch: 'main' },
        approval: { customData: 'Promote payments-api to prod' },
        deploy: {
          ecs: {
            cluster: 'storefront-prod',
            serviceName: 'payments-api',
            imageDefinitionsPath: 'environments/prod/imagedefinitions.json',
          },
        },
      },
      owner,
    );
    const { pipeline } = await clients.codePipeline.send(
      new GetPipelineCommand({ name: 'payments-api-prod' }),
    );
    expect(
      pipeline!.stages!.map(s => [s.name, s.actions!.map(a => a.name)]),
    ).toEqual([
      ['Source', ['Image', 'Infra']],
      ['Approve', ['ManualApproval']],
      ['Deploy', ['Deploy']],
    ]);
  });

  it('builds a repository whose images keep one digest per commit', async () => {
    await createRepository(caller, { name: 'payments-api', tags: owner });
    await createRepository(caller, { name: 'payments-api-copy' });
    const digest = await pushImage(caller, {
      repository: 'payments-api',
      commitId: '3f2a1bc',
      tags: ['3f2a1bc', 'prod'],
    });
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(
      await pushImage(caller, {
        repository: 'payments-api-copy',
        commitId: '3f2a1bc',
        tags: ['3f2a1bc'],
      }),
    ).toBe(digest);
    const { imageDetails } = await clients.ecr.send(
      new DescribeImagesCommand({ repositoryName: 'payments-api' }),
    );
    expect(imageDetails).toEqual([
      expect.objectContaining({
        imageDigest: digest,
        imageTags: expect.arrayContaining(['3f2a1bc', 'prod']),
      }),
    ]);
  });

  it('tags what it is given to tag with the owner', async () => {
    await createRepository(caller, { name: 'payments-api', tags: owner });
    await createRepository(caller, { name: 'untagged' });
    const { ResourceTagMappingList } = await clients.tagging.send(
      new GetResourcesCommand({
        TagFilters: [
          {
            Key: 'backstage.io/entity',
            Values: ['component:default/payments-api'],
          },
        ],
      }),
    );
    expect(ResourceTagMappingList!.map(r => r.ResourceARN).sort()).toEqual([
      'arn:aws:ecr:eu-west-1:111111111111:repository/payments-api',
      expect.stringMatching(/:cluster\/storefront-prod$/),
    ]);
  });
});

describe('sdkFleetCaller', () => {
  it('names the client a call needs when it was not given', async () => {
    await expect(
      sdkFleetCaller({}).call('ecr', 'CreateRepository', {
        repositoryName: 'x',
      }),
    ).rejects.toThrow('ecr:CreateRepository needs the ecr client');
  });
});

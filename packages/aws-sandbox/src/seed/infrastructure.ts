import type { SeedContext } from '../core/types';
import type { CodePipelineStore } from '../services/codepipeline/CodePipelineStore';
import type { PipelineDeclaration } from '../services/codepipeline/types';
import type { FleetService } from './catalog';
import {
  albName,
  clusterName,
  codeDeployNames,
  entityTags,
  infraRepository,
  pipelineName,
  targetGroupName,
} from './names';

/*
 * Creates one service's AWS resources in one environment through the
 * sandbox's own operations (the same handlers and validation an SDK call
 * gets): target groups, ALB and listeners, the ECS service, its CodeDeploy
 * application and group, its pipeline and infrastructure repository.
 */

/** @public */
export interface Placement {
  accountId: string;
  region: string;
  env: string;
}

/** What later seeding steps need to know about a created service. @public */
export interface CreatedService {
  serviceArn: string;
  blueTargetGroupArn: string;
  greenTargetGroupArn: string;
  prodListenerArn: string;
  testListenerArn: string;
  codeDeploy?: { applicationName: string; deploymentGroupName: string };
  pipelineName?: string;
}

const VPC = 'vpc-0a1b2c3d4e5f60718';
const SUBNETS = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'];
const SECURITY_GROUP = 'sg-0a1b2c3d4e5f60719';

const ecsTags = (service: FleetService, env: string) =>
  entityTags(service, env).map(t => ({ key: t.key, value: t.value }));
const awsTags = (service: FleetService, env: string) =>
  entityTags(service, env).map(t => ({ Key: t.key, Value: t.value }));

/** Termination wait of the original task set, per environment (minutes). @public */
export const TERMINATION_WAIT: Record<string, number> = {
  dev: 5,
  staging: 60,
  prod: 60,
};

/** @public */
export async function createLoadBalancing(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
): Promise<Omit<CreatedService, 'serviceArn'>> {
  const where = { accountId: at.accountId, region: at.region };
  const tg = async (color: 'blue' | 'green') =>
    (
      await ctx.invoke(
        'elbv2',
        'CreateTargetGroup',
        {
          Name: targetGroupName(service.name, at.env, color),
          Protocol: 'HTTP',
          Port: String(service.containerPort),
          VpcId: VPC,
          TargetType: 'ip',
          HealthCheckPath: '/health',
          Tags: awsTags(service, at.env),
        },
        where,
      )
    ).TargetGroups[0].TargetGroupArn as string;
  const blueTargetGroupArn = await tg('blue');
  const greenTargetGroupArn = await tg('green');
  const lb = await ctx.invoke(
    'elbv2',
    'CreateLoadBalancer',
    {
      Name: albName(service.name, at.env),
      Subnets: SUBNETS,
      SecurityGroups: [SECURITY_GROUP],
      Scheme: 'internet-facing',
      Type: 'application',
      Tags: awsTags(service, at.env),
    },
    where,
  );
  const loadBalancerArn = lb.LoadBalancers[0].LoadBalancerArn as string;
  const listener = async (port: number) =>
    (
      await ctx.invoke(
        'elbv2',
        'CreateListener',
        {
          LoadBalancerArn: loadBalancerArn,
          Protocol: 'HTTP',
          Port: String(port),
          DefaultActions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [
                  { TargetGroupArn: blueTargetGroupArn, Weight: '100' },
                  { TargetGroupArn: greenTargetGroupArn, Weight: '0' },
                ],
              },
            },
          ],
          Tags: awsTags(service, at.env),
        },
        where,
      )
    ).Listeners[0].ListenerArn as string;
  return {
    blueTargetGroupArn,
    greenTargetGroupArn,
    prodListenerArn: await listener(80),
    testListenerArn: await listener(8080),
  };
}

async function defaultRuleOf(
  ctx: SeedContext,
  listenerArn: string,
  where: object,
) {
  const rules = await ctx.invoke(
    'elbv2',
    'DescribeRules',
    { ListenerArn: listenerArn },
    where,
  );
  const all = rules.Rules as {
    RuleArn: string;
    IsDefault?: boolean | string;
  }[];
  return (
    all.find(r => r.IsDefault === true || r.IsDefault === 'true') ?? all[0]
  ).RuleArn;
}

/** @public */
export async function createEcsService(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
  lb: Omit<CreatedService, 'serviceArn'>,
  taskDefinitionArn: string,
): Promise<string> {
  const where = { accountId: at.accountId, region: at.region };
  const controller = service.controller;
  const loadBalancer: Record<string, unknown> = {
    targetGroupArn: lb.blueTargetGroupArn,
    containerName: service.name,
    containerPort: service.containerPort,
  };
  const deploymentConfiguration: Record<string, unknown> = {
    maximumPercent: 200,
    minimumHealthyPercent: 100,
  };
  if (controller.kind === 'ECS' && controller.strategy !== 'ROLLING') {
    loadBalancer.advancedConfiguration = {
      alternateTargetGroupArn: lb.greenTargetGroupArn,
      productionListenerRule: await defaultRuleOf(
        ctx,
        lb.prodListenerArn,
        where,
      ),
      testListenerRule: await defaultRuleOf(ctx, lb.testListenerArn, where),
      roleArn: `arn:aws:iam::${at.accountId}:role/ecsInfrastructureRoleForLoadBalancers`,
    };
    deploymentConfiguration.strategy = controller.strategy;
    deploymentConfiguration.bakeTimeInMinutes = at.env === 'prod' ? 30 : 15;
    if (controller.strategy === 'CANARY') {
      deploymentConfiguration.canaryConfiguration = {
        canaryPercent: 10,
        canaryBakeTimeInMinutes: 5,
      };
    }
    if (controller.strategy === 'LINEAR') {
      deploymentConfiguration.linearConfiguration = {
        stepPercent: 25,
        stepBakeTimeInMinutes: 2,
      };
    }
  }
  if (controller.kind === 'ECS') {
    deploymentConfiguration.deploymentCircuitBreaker = {
      enable: true,
      rollback: true,
    };
  }
  const created = await ctx.invoke(
    'ecs',
    'CreateService',
    {
      cluster: clusterName(at.env),
      serviceName: service.name,
      taskDefinition:
        controller.kind === 'EXTERNAL' ? undefined : taskDefinitionArn,
      desiredCount: service.desiredCount[at.env] ?? 1,
      launchType: controller.kind === 'EXTERNAL' ? undefined : 'FARGATE',
      deploymentController: { type: controller.kind },
      deploymentConfiguration,
      loadBalancers:
        controller.kind === 'EXTERNAL' ? undefined : [loadBalancer],
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: SUBNETS,
          securityGroups: [SECURITY_GROUP],
          assignPublicIp: 'DISABLED',
        },
      },
      tags: ecsTags(service, at.env),
      propagateTags: 'SERVICE',
    },
    where,
  );
  const serviceArn = created.service.serviceArn as string;
  if (controller.kind === 'EXTERNAL') {
    // EXTERNAL (field note 003): the deployer creates the task set itself.
    const taskSet = await ctx.invoke(
      'ecs',
      'CreateTaskSet',
      {
        cluster: clusterName(at.env),
        service: service.name,
        taskDefinition: taskDefinitionArn,
        externalId: `${service.name}-blue`,
        launchType: 'FARGATE',
        loadBalancers: [loadBalancer],
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: SUBNETS,
            securityGroups: [SECURITY_GROUP],
          },
        },
        scale: { unit: 'PERCENT', value: 100 },
      },
      where,
    );
    await ctx.invoke(
      'ecs',
      'UpdateServicePrimaryTaskSet',
      {
        cluster: clusterName(at.env),
        service: service.name,
        primaryTaskSet: taskSet.taskSet.taskSetArn,
      },
      where,
    );
  }
  return serviceArn;
}

/** @public */
export async function createCodeDeployGroup(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
  lb: Omit<CreatedService, 'serviceArn'>,
): Promise<{ applicationName: string; deploymentGroupName: string }> {
  if (service.controller.kind !== 'CODE_DEPLOY')
    throw new Error('not a CODE_DEPLOY service');
  const where = { accountId: at.accountId, region: at.region };
  const names = codeDeployNames(service.name, at.env);
  const tags = awsTags(service, at.env);
  await ctx.invoke(
    'codedeploy',
    'CreateApplication',
    { applicationName: names.applicationName, computePlatform: 'ECS', tags },
    where,
  );
  const readyWait = service.readyWaitEnvs.includes(at.env);
  await ctx.invoke(
    'codedeploy',
    'CreateDeploymentGroup',
    {
      ...names,
      serviceRoleArn: `arn:aws:iam::${at.accountId}:role/CodeDeployServiceRoleForECS`,
      deploymentConfigName: service.controller.deploymentConfigName,
      deploymentStyle: {
        deploymentType: 'BLUE_GREEN',
        deploymentOption: 'WITH_TRAFFIC_CONTROL',
      },
      ecsServices: [
        { clusterName: clusterName(at.env), serviceName: service.name },
      ],
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [
              { name: targetGroupName(service.name, at.env, 'blue') },
              { name: targetGroupName(service.name, at.env, 'green') },
            ],
            prodTrafficRoute: { listenerArns: [lb.prodListenerArn] },
            testTrafficRoute: { listenerArns: [lb.testListenerArn] },
          },
        ],
      },
      blueGreenDeploymentConfiguration: {
        deploymentReadyOption: readyWait
          ? { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 2880 }
          : { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 },
        terminateBlueInstancesOnDeploymentSuccess: {
          action: 'TERMINATE',
          terminationWaitTimeInMinutes: TERMINATION_WAIT[at.env] ?? 5,
        },
      },
      autoRollbackConfiguration: {
        enabled: true,
        events: [
          'DEPLOYMENT_FAILURE',
          'DEPLOYMENT_STOP_ON_ALARM',
          'DEPLOYMENT_STOP_ON_REQUEST',
        ],
      },
      alarmConfiguration: {
        enabled: true,
        ignorePollAlarmFailure: false,
        alarms: [{ name: `${service.name}-${at.env}-5xx` }],
      },
      tags,
    },
    where,
  );
  return names;
}

/** The pipeline of COMMON.md: ECR source on the env tag, approval in prod, deploy. @public */
export function pipelineDeclaration(
  service: FleetService,
  at: Placement,
): PipelineDeclaration {
  const name = pipelineName(service.name, at.env);
  const codeDeploy = service.controller.kind === 'CODE_DEPLOY';
  const sourceActions: PipelineDeclaration['stages'][number]['actions'] = [
    {
      name: 'Image',
      actionTypeId: {
        category: 'Source',
        owner: 'AWS',
        provider: 'ECR',
        version: '1',
      },
      configuration: { RepositoryName: service.name, ImageTag: at.env },
      outputArtifacts: [{ name: 'ImageArtifact' }],
      runOrder: 1,
    },
  ];
  if (codeDeploy) {
    sourceActions.push({
      name: 'Infra',
      actionTypeId: {
        category: 'Source',
        owner: 'AWS',
        provider: 'CodeCommit',
        version: '1',
      },
      configuration: {
        RepositoryName: infraRepository(service.name),
        BranchName: 'main',
        PollForSourceChanges: 'false',
      },
      outputArtifacts: [{ name: 'InfraArtifact' }],
      runOrder: 1,
    });
  }
  const stages: PipelineDeclaration['stages'] = [
    { name: 'Source', actions: sourceActions },
  ];
  if (service.approvalEnvs.includes(at.env)) {
    stages.push({
      name: 'Approve',
      actions: [
        {
          name: 'ManualApproval',
          actionTypeId: {
            category: 'Approval',
            owner: 'AWS',
            provider: 'Manual',
            version: '1',
          },
          configuration: { CustomData: `Promote ${service.name} to ${at.env}` },
          runOrder: 1,
        },
      ],
    });
  }
  stages.push({
    name: 'Deploy',
    actions: [
      codeDeploy
        ? {
            name: 'BlueGreen',
            actionTypeId: {
              category: 'Deploy',
              owner: 'AWS',
              provider: 'CodeDeployToECS',
              version: '1',
            },
            configuration: {
              ApplicationName: codeDeployNames(service.name, at.env)
                .applicationName,
              DeploymentGroupName: codeDeployNames(service.name, at.env)
                .deploymentGroupName,
              TaskDefinitionTemplateArtifact: 'InfraArtifact',
              TaskDefinitionTemplatePath: 'taskdef.json',
              AppSpecTemplateArtifact: 'InfraArtifact',
              AppSpecTemplatePath: 'appspec.yaml',
              Image1ArtifactName: 'ImageArtifact',
              Image1ContainerName: 'IMAGE1_NAME',
            },
            inputArtifacts: [
              { name: 'ImageArtifact' },
              { name: 'InfraArtifact' },
            ],
            runOrder: 1,
          }
        : {
            name: 'Deploy',
            actionTypeId: {
              category: 'Deploy',
              owner: 'AWS',
              provider: 'ECS',
              version: '1',
            },
            configuration: {
              ClusterName: clusterName(at.env),
              ServiceName: service.name,
              FileName: 'imagedefinitions.json',
            },
            inputArtifacts: [{ name: 'ImageArtifact' }],
            runOrder: 1,
          },
    ],
  });
  return {
    name,
    roleArn: `arn:aws:iam::${at.accountId}:role/codepipeline-${service.name}`,
    artifactStore: {
      type: 'S3',
      location: `codepipeline-${at.region}-${at.accountId}`,
    },
    stages,
    pipelineType: 'V2',
    executionMode: 'QUEUED',
  };
}

/** @public */
export async function createPipeline(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
): Promise<string> {
  const declaration = pipelineDeclaration(service, at);
  await ctx.invoke(
    'codepipeline',
    'CreatePipeline',
    { pipeline: declaration, tags: entityTags(service, at.env) },
    { accountId: at.accountId, region: at.region },
  );
  if (service.controller.kind === 'CODE_DEPLOY') {
    const store = ctx.world.stores.codepipeline as CodePipelineStore;
    store.pushSourceCommit(
      {
        provider: 'CodeCommit',
        configuration: {
          RepositoryName: infraRepository(service.name),
          BranchName: 'main',
        },
      },
      {
        message: `${service.name}: task definition and appspec`,
        files: infraFiles(service),
      },
    );
  }
  return declaration.name;
}

/** The infrastructure repository of field note 000: taskdef.json and appspec.yaml with placeholders. @public */
export function infraFiles(service: FleetService): Record<string, string> {
  return {
    'taskdef.json': JSON.stringify(
      taskDefinitionInput(service, '<IMAGE1_NAME>'),
      null,
      2,
    ),
    'appspec.yaml': [
      'version: 0.0',
      'Resources:',
      '  - TargetService:',
      '      Type: AWS::ECS::Service',
      '      Properties:',
      '        TaskDefinition: <TASK_DEFINITION>',
      '        LoadBalancerInfo:',
      `          ContainerName: "${service.name}"`,
      `          ContainerPort: ${service.containerPort}`,
      '',
    ].join('\n'),
  };
}

/** A Fargate task definition for the service with `image`. @public */
export function taskDefinitionInput(
  service: FleetService,
  image: string,
): Record<string, unknown> {
  return {
    family: service.name,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    executionRoleArn: 'arn:aws:iam::111111111111:role/ecsTaskExecutionRole',
    containerDefinitions: [
      {
        name: service.name,
        image,
        essential: true,
        portMappings: [
          { containerPort: service.containerPort, protocol: 'tcp' },
        ],
        environment: [{ name: 'SERVICE_NAME', value: service.name }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/ecs/${service.name}`,
            'awslogs-region': 'eu-west-1',
            'awslogs-stream-prefix': 'ecs',
          },
        },
      },
    ],
  };
}

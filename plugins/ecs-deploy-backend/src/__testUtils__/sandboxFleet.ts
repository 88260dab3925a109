import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  CreateTaskSetCommand,
  DeploymentConfiguration,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  UpdateServicePrimaryTaskSetCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { Entity } from '@backstage/catalog-model';
import {
  RunningSandbox,
  advanceSandbox,
  sandboxClientConfig,
} from '@ecs-deploy/aws-sandbox';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';
const MINUTE = 60_000;

/** Backend config pointing the plugin at a sandbox. */
export function sandboxConfig(sb: RunningSandbox) {
  return {
    aws: {
      accounts: [
        {
          accountId: ACCOUNT,
          accessKeyId: ACCOUNT,
          secretAccessKey: 'sandbox',
        },
      ],
    },
    ecsDeploy: {
      aws: { endpoint: sb.url, defaultRegion: REGION, maxAttempts: 1 },
    },
  };
}

export function component(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
  };
}

export const serviceArn = (cluster: string, service: string) =>
  `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${cluster}/${service}`;

/** SDK clients on the sandbox, as a test creates resources with them. */
export function sandboxClients(sb: RunningSandbox) {
  const config = sandboxClientConfig(sb, {
    accountId: ACCOUNT,
    region: REGION,
  });
  return {
    ecs: new ECSClient(config),
    elb: new ElasticLoadBalancingV2Client(config),
    codeDeploy: new CodeDeployClient(config),
    destroy() {
      this.ecs.destroy();
      this.elb.destroy();
      this.codeDeploy.destroy();
    },
  };
}
type Clients = ReturnType<typeof sandboxClients>;

/** An ALB with blue and green target groups, production (80) and test (8080) listeners. */
export async function createAlb(clients: Clients, name: string) {
  const { elb } = clients;
  const { LoadBalancers } = await elb.send(
    new CreateLoadBalancerCommand({
      Name: name,
      Subnets: ['subnet-1', 'subnet-2'],
    }),
  );
  const lbArn = LoadBalancers![0].LoadBalancerArn!;
  const targetGroup = async (suffix: string) =>
    (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: `${name}-${suffix}`,
          Protocol: 'HTTP',
          Port: 8080,
          TargetType: 'ip',
          VpcId: 'vpc-1',
        }),
      )
    ).TargetGroups![0].TargetGroupArn!;
  const blue = await targetGroup('blue');
  const green = await targetGroup('green');
  const listener = async (port: number) =>
    (
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Port: port,
          Protocol: 'HTTP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }],
        }),
      )
    ).Listeners![0].ListenerArn!;
  const production = await listener(80);
  const test = await listener(8080);
  const defaultRule = async (listenerArn: string) =>
    (
      await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }))
    ).Rules!.find(r => r.IsDefault)!.RuleArn!;
  return {
    lbArn,
    blue,
    green,
    production,
    test,
    productionRule: await defaultRule(production),
    testRule: await defaultRule(test),
  };
}

export async function registerTaskDefinition(
  clients: Clients,
  family: string,
  tag: string,
) {
  const { taskDefinition } = await clients.ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      containerDefinitions: [
        {
          name: 'app',
          image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${family}:${tag}`,
          portMappings: [{ containerPort: 8080 }],
        },
      ],
    }),
  );
  return taskDefinition!.taskDefinitionArn!;
}

const appspec = (taskDefinition: string) =>
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
  ].join('\n');

/** How a test's CodeDeploy service behaves, and who owns it. */
export interface CodeDeployServiceOptions {
  /**
   * Minutes a deployment waits at Ready for a person (STOP_DEPLOYMENT);
   * without it, traffic moves at once (CONTINUE_DEPLOYMENT).
   */
  readyWaitMinutes?: number;
  /** Tags for the service and the deployment group (ownership). */
  tags?: { Key: string; Value: string }[];
}

/**
 * A CODE_DEPLOY service with a canary deployment group (not annotated on the
 * entity: the backend resolves it from the service), running v1, keeping
 * blue 30 minutes after a shift. `deploy(tag)` starts a deployment of a new
 * revision.
 */
export async function createCodeDeployService(
  sb: RunningSandbox,
  clients: Clients,
  name: string,
  cluster: string,
  options: CodeDeployServiceOptions = {},
) {
  const tags = options.tags ?? [];
  const alb = await createAlb(clients, `${name}-prod`);
  const v1 = await registerTaskDefinition(clients, name, 'aaaaaaa');
  await clients.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: name,
      taskDefinition: v1,
      desiredCount: 2,
      deploymentController: { type: 'CODE_DEPLOY' },
      loadBalancers: [
        { targetGroupArn: alb.blue, containerName: 'app', containerPort: 8080 },
      ],
      ...(tags.length
        ? { tags: tags.map(t => ({ key: t.Key, value: t.Value })) }
        : {}),
    }),
  );
  await clients.codeDeploy.send(
    new CreateApplicationCommand({
      applicationName: name,
      computePlatform: 'ECS',
    }),
  );
  await clients.codeDeploy.send(
    new CreateDeploymentGroupCommand({
      applicationName: name,
      deploymentGroupName: `${name}-prod`,
      serviceRoleArn: `arn:aws:iam::${ACCOUNT}:role/codedeploy`,
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      deploymentStyle: {
        deploymentType: 'BLUE_GREEN',
        deploymentOption: 'WITH_TRAFFIC_CONTROL',
      },
      ecsServices: [{ clusterName: cluster, serviceName: name }],
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [
              { name: `${name}-prod-blue` },
              { name: `${name}-prod-green` },
            ],
            prodTrafficRoute: { listenerArns: [alb.production] },
            testTrafficRoute: { listenerArns: [alb.test] },
          },
        ],
      },
      blueGreenDeploymentConfiguration: {
        deploymentReadyOption:
          options.readyWaitMinutes === undefined
            ? { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 }
            : {
                actionOnTimeout: 'STOP_DEPLOYMENT',
                waitTimeInMinutes: options.readyWaitMinutes,
              },
        terminateBlueInstancesOnDeploymentSuccess: {
          action: 'TERMINATE',
          terminationWaitTimeInMinutes: 30,
        },
      },
      autoRollbackConfiguration: {
        enabled: true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST'],
      },
      ...(tags.length ? { tags } : {}),
    }),
  );
  advanceSandbox(sb, 2 * MINUTE);
  const deploy = async (tag: string) => {
    const td = await registerTaskDefinition(clients, name, tag);
    const { deploymentId } = await clients.codeDeploy.send(
      new CreateDeploymentCommand({
        applicationName: name,
        deploymentGroupName: `${name}-prod`,
        revision: {
          revisionType: 'AppSpecContent',
          appSpecContent: { content: appspec(td) },
        },
      }),
    );
    return deploymentId!;
  };
  return { alb, v1, deploy };
}

/** An ECS-native service with listener rules, on v1, updated to v2 with `strategy`. */
export async function createNativeService(
  sb: RunningSandbox,
  clients: Clients,
  name: string,
  cluster: string,
  deploymentConfiguration: DeploymentConfiguration,
) {
  const alb = await createAlb(clients, `${name}-prod`);
  const v1 = await registerTaskDefinition(clients, name, 'bbbbbbb');
  await clients.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: name,
      taskDefinition: v1,
      desiredCount: 2,
      deploymentConfiguration,
      loadBalancers: [
        {
          targetGroupArn: alb.blue,
          containerName: 'app',
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: alb.green,
            productionListenerRule: alb.productionRule,
            testListenerRule: alb.testRule,
            roleArn: `arn:aws:iam::${ACCOUNT}:role/ecs-infra`,
          },
        },
      ],
    }),
  );
  advanceSandbox(sb, 70_000);
  const update = async (tag: string) => {
    const td = await registerTaskDefinition(clients, name, tag);
    await clients.ecs.send(
      new UpdateServiceCommand({ cluster, service: name, taskDefinition: td }),
    );
    return td;
  };
  return { alb, v1, update };
}

/** An EXTERNAL service with a primary task set on blue and a second on green, 90/10. */
export async function createExternalService(
  sb: RunningSandbox,
  clients: Clients,
  name: string,
  cluster: string,
) {
  const alb = await createAlb(clients, `${name}-prod`);
  const v1 = await registerTaskDefinition(clients, name, 'ccccccc');
  const v2 = await registerTaskDefinition(clients, name, 'ddddddd');
  await clients.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: name,
      desiredCount: 2,
      deploymentController: { type: 'EXTERNAL' },
    }),
  );
  const taskSet = async (taskDefinition: string, targetGroupArn: string) =>
    (
      await clients.ecs.send(
        new CreateTaskSetCommand({
          cluster,
          service: name,
          taskDefinition,
          scale: { unit: 'PERCENT', value: 100 },
          loadBalancers: [
            { targetGroupArn, containerName: 'app', containerPort: 8080 },
          ],
        }),
      )
    ).taskSet!;
  const blue = await taskSet(v1, alb.blue);
  await clients.ecs.send(
    new UpdateServicePrimaryTaskSetCommand({
      cluster,
      service: name,
      primaryTaskSet: blue.taskSetArn!,
    }),
  );
  advanceSandbox(sb, MINUTE);
  const green = await taskSet(v2, alb.green);
  await clients.elb.send(
    new ModifyListenerCommand({
      ListenerArn: alb.production,
      DefaultActions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: alb.blue, Weight: 90 },
              { TargetGroupArn: alb.green, Weight: 10 },
            ],
          },
        },
      ],
    }),
  );
  advanceSandbox(sb, 2 * MINUTE);
  return { alb, blue, green };
}

export async function createCluster(clients: Clients, cluster: string) {
  await clients.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
}

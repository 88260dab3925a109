import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import {
  DeploymentConfiguration,
  ECSClient,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { Entity } from '@backstage/catalog-model';
import {
  RunningSandbox,
  advanceSandbox,
  sandboxClientConfig,
} from '@ecs-deploy/aws-sandbox';
import {
  ResourceTag,
  createBlueGreenAlb,
  createCluster as createFleetCluster,
  createCodeDeployGroup,
  createEcsService,
  createTaskSet,
  registerTaskDefinition as registerFleetTaskDefinition,
  sdkFleetCaller,
  setListenerWeights,
  startCodeDeployDeployment,
} from '@ecs-deploy/aws-sandbox/testing';
import {
  ecrRepositoryUri,
  ecsServiceArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';

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
      // Tests count the AWS calls of a first view; those of the warm-up opt in.
      warmOnStart: false,
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
  ecsServiceArn({
    accountId: ACCOUNT,
    region: REGION,
    cluster,
    serviceName: service,
  });

/**
 * SDK clients on the sandbox, as a test creates resources with them;
 * `fleet` builds the fixtures of `@ecs-deploy/aws-sandbox/testing` with them.
 */
export function sandboxClients(sb: RunningSandbox) {
  const config = sandboxClientConfig(sb, {
    accountId: ACCOUNT,
    region: REGION,
  });
  const ecs = new ECSClient(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  const codeDeploy = new CodeDeployClient(config);
  return {
    ecs,
    elb,
    codeDeploy,
    fleet: sdkFleetCaller({ ecs, elbv2: elb, codeDeploy }),
    destroy() {
      ecs.destroy();
      elb.destroy();
      codeDeploy.destroy();
    },
  };
}
type Clients = ReturnType<typeof sandboxClients>;

/** An ALB with blue and green target groups, production (80) and test (8080) listeners. */
export function createAlb(clients: Clients, name: string) {
  return createBlueGreenAlb(clients.fleet, { name });
}

export function registerTaskDefinition(
  clients: Clients,
  family: string,
  tag: string,
) {
  return registerFleetTaskDefinition(clients.fleet, {
    family,
    image: `${ecrRepositoryUri({
      accountId: ACCOUNT,
      region: REGION,
      name: family,
    })}:${tag}`,
  });
}

/** How a test's CodeDeploy service behaves, and who owns it. */
export interface CodeDeployServiceOptions {
  /**
   * Minutes a deployment waits at Ready for a person (STOP_DEPLOYMENT);
   * without it, traffic moves at once (CONTINUE_DEPLOYMENT).
   */
  readyWaitMinutes?: number;
  /** Tags for the service and the deployment group (ownership). */
  tags?: ResourceTag[];
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
  const alb = await createAlb(clients, `${name}-prod`);
  const v1 = await registerTaskDefinition(clients, name, 'aaaaaaa');
  await createEcsService(clients.fleet, {
    cluster,
    serviceName: name,
    taskDefinition: v1,
    controller: { type: 'CODE_DEPLOY' },
    alb,
    tags: options.tags,
  });
  const group = {
    applicationName: name,
    deploymentGroupName: `${name}-prod`,
  };
  await createCodeDeployGroup(clients.fleet, {
    ...group,
    cluster,
    serviceName: name,
    alb,
    serviceRoleArn: `arn:aws:iam::${ACCOUNT}:role/codedeploy`,
    deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    readyWaitMinutes: options.readyWaitMinutes,
    terminationWaitMinutes: 30,
    tags: options.tags,
  });
  advanceSandbox(sb, 2 * MINUTE);
  const deploy = async (tag: string) =>
    startCodeDeployDeployment(clients.fleet, {
      ...group,
      taskDefinition: await registerTaskDefinition(clients, name, tag),
    });
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
  await createEcsService(clients.fleet, {
    cluster,
    serviceName: name,
    taskDefinition: v1,
    controller: {
      type: 'ECS',
      deploymentConfiguration,
      infrastructureRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecs-infra`,
    },
    alb,
  });
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
  const { primaryTaskSetArn } = await createEcsService(clients.fleet, {
    cluster,
    serviceName: name,
    taskDefinition: v1,
    controller: { type: 'EXTERNAL' },
    alb,
  });
  advanceSandbox(sb, MINUTE);
  const greenTaskSet = await createTaskSet(clients.fleet, {
    cluster,
    serviceName: name,
    taskDefinition: v2,
    targetGroupArn: alb.green,
  });
  await setListenerWeights(clients.fleet, alb.production, [
    { arn: alb.blue, weight: 90 },
    { arn: alb.green, weight: 10 },
  ]);
  advanceSandbox(sb, 2 * MINUTE);
  return {
    alb,
    blueTaskSetArn: primaryTaskSetArn!,
    greenTaskSetArn: greenTaskSet,
  };
}

export async function createCluster(clients: Clients, cluster: string) {
  await createFleetCluster(clients.fleet, { name: cluster });
}

import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import {
  CodePipelineClient,
  type ActionDeclaration,
} from '@aws-sdk/client-codepipeline';
import {
  CreateRepositoryCommand,
  ECRClient,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RunningSandbox } from '../../../server/startSandbox';
import { sandboxClientConfig } from '../../../testUtils';
import { createBlueGreenAlb } from '../../elbv2/__testUtils__/createAlb';

/*
 * The service the pipeline tests deploy: `web` in cluster `shop` behind a
 * blue/green ALB, with its ECR repository, and either a CodeDeploy
 * application and group (`web` / `web-dg`, all at once) or the ECS rolling
 * controller; plus the source actions and the image push that start a
 * pipeline.
 */

export const REGISTRY = '111111111111.dkr.ecr.eu-west-1.amazonaws.com';

export function sandboxClients(sb: RunningSandbox) {
  const config = sandboxClientConfig(sb);
  return {
    cp: new CodePipelineClient(config),
    cd: new CodeDeployClient(config),
    ecs: new ECSClient(config),
    ecr: new ECRClient(config),
    elb: new ElasticLoadBalancingV2Client(config),
  };
}

export type SandboxClients = ReturnType<typeof sandboxClients>;

export function destroyClients(clients: SandboxClients): void {
  Object.values(clients).forEach(client => client.destroy());
}

/** A Fargate task definition of `web` listening on 8080. */
export function webTaskDefinition(
  image: string,
  size: { cpu: string; memory: string } = { cpu: '256', memory: '512' },
): RegisterTaskDefinitionCommandInput {
  return {
    family: 'web',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    ...size,
    containerDefinitions: [
      {
        name: 'web',
        image,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      },
    ],
  };
}

export async function createWebService(
  c: SandboxClients,
  controller: 'CODE_DEPLOY' | 'ECS',
): Promise<void> {
  const alb = await createBlueGreenAlb(c.elb, 'web');
  await c.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  const td = await c.ecs.send(
    new RegisterTaskDefinitionCommand(webTaskDefinition(`${REGISTRY}/web:1`)),
  );
  await c.ecs.send(
    new CreateServiceCommand({
      cluster: 'shop',
      serviceName: 'web',
      taskDefinition: td.taskDefinition!.taskDefinitionArn,
      desiredCount: 1,
      launchType: 'FARGATE',
      deploymentController: { type: controller },
      loadBalancers: [
        { targetGroupArn: alb.blue, containerName: 'web', containerPort: 8080 },
      ],
    }),
  );
  await c.ecr.send(new CreateRepositoryCommand({ repositoryName: 'web' }));
  if (controller === 'ECS') return;
  await c.cd.send(
    new CreateApplicationCommand({
      applicationName: 'web',
      computePlatform: 'ECS',
    }),
  );
  await c.cd.send(
    new CreateDeploymentGroupCommand({
      applicationName: 'web',
      deploymentGroupName: 'web-dg',
      serviceRoleArn: 'arn:aws:iam::111111111111:role/codedeploy',
      deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
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
        terminateBlueInstancesOnDeploymentSuccess: {
          action: 'TERMINATE',
          terminationWaitTimeInMinutes: 5,
        },
      },
    }),
  );
}

/** The ECR source on `web:prod`, output `ImageArtifact`. */
export const imageSource: ActionDeclaration = {
  name: 'Image',
  actionTypeId: {
    category: 'Source',
    owner: 'AWS',
    provider: 'ECR',
    version: '1',
  },
  configuration: { RepositoryName: 'web', ImageTag: 'prod' },
  outputArtifacts: [{ name: 'ImageArtifact' }],
};

/** A Git connection source on `FullRepositoryId`, output `InfraArtifact`. */
export const gitSource = (
  fullRepositoryId: string,
  branch = 'main',
): ActionDeclaration => ({
  name: 'Infra',
  actionTypeId: {
    category: 'Source',
    owner: 'AWS',
    provider: 'CodeStarSourceConnection',
    version: '1',
  },
  configuration: {
    ConnectionArn:
      'arn:aws:codeconnections:eu-west-1:111111111111:connection/sandbox',
    FullRepositoryId: fullRepositoryId,
    BranchName: branch,
    DetectChanges: 'false',
  },
  outputArtifacts: [{ name: 'InfraArtifact' }],
});

/** Pushes an image of `web` with the tag the pipelines watch; returns its digest. */
export async function pushWebImage(
  c: SandboxClients,
  build: string,
): Promise<string> {
  const pushed = await c.ecr.send(
    new PutImageCommand({
      repositoryName: 'web',
      imageTag: 'prod',
      imageManifest: JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: {
          mediaType: 'application/vnd.docker.container.image.v1+json',
          size: 7023,
          digest: `sha256:${build.padEnd(64, '0')}`,
        },
        layers: [],
      }),
    }),
  );
  return pushed.image!.imageId!.imageDigest!;
}

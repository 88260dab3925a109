import type {
  ApplicationInfo,
  CodeDeployClient,
  CreateDeploymentGroupCommandInput,
  DeploymentConfigInfo,
  DeploymentGroupInfo,
  TrafficRoutingConfig,
} from '@aws-sdk/client-codedeploy';
import {
  AwsTag,
  codeDeployGateway,
  tagRecord,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import type { Tagged } from './tagged';

/* CodeDeploy for the scaffolder: the shared gateway's calls, with tags as records. */

async function tagsOf(codeDeploy: CodeDeployClient, arn: string) {
  return tagRecord(
    await codeDeployGateway.listTagsForResource(codeDeploy, arn, {
      operation: 'reading tags',
      resource: arn,
    }),
  );
}

export async function findApplication(
  codeDeploy: CodeDeployClient,
  name: string,
  arn: string,
): Promise<Tagged<ApplicationInfo> | undefined> {
  const found = await codeDeployGateway.findApplication(codeDeploy, name, {
    operation: 'looking up the CodeDeploy application',
    resource: name,
  });
  return found
    ? { value: found, tags: await tagsOf(codeDeploy, arn) }
    : undefined;
}

export async function findDeploymentGroup(
  codeDeploy: CodeDeployClient,
  applicationName: string,
  deploymentGroupName: string,
  arn: string,
): Promise<Tagged<DeploymentGroupInfo> | undefined> {
  const found = await codeDeployGateway.findDeploymentGroup(
    codeDeploy,
    { applicationName, deploymentGroupName },
    {
      operation: 'looking up the deployment group',
      resource: deploymentGroupName,
    },
  );
  return found
    ? { value: found, tags: await tagsOf(codeDeploy, arn) }
    : undefined;
}

export async function findDeploymentConfig(
  codeDeploy: CodeDeployClient,
  name: string,
): Promise<DeploymentConfigInfo | undefined> {
  return codeDeployGateway.findDeploymentConfig(codeDeploy, name, {
    operation: 'looking up the deployment config',
    resource: name,
  });
}

export async function createDeploymentConfig(
  codeDeploy: CodeDeployClient,
  name: string,
  routing: TrafficRoutingConfig,
): Promise<void> {
  await codeDeployGateway.createDeploymentConfig(
    codeDeploy,
    {
      deploymentConfigName: name,
      computePlatform: 'ECS',
      trafficRoutingConfig: routing,
    },
    { operation: 'creating the deployment config', resource: name },
  );
}

export async function createApplication(
  codeDeploy: CodeDeployClient,
  name: string,
  tags: AwsTag[],
): Promise<void> {
  await codeDeployGateway.createApplication(
    codeDeploy,
    { applicationName: name, computePlatform: 'ECS', tags },
    { operation: 'creating the CodeDeploy application', resource: name },
  );
}

export async function createDeploymentGroup(
  codeDeploy: CodeDeployClient,
  input: CreateDeploymentGroupCommandInput,
): Promise<void> {
  await codeDeployGateway.createDeploymentGroup(codeDeploy, input, {
    operation: 'creating the deployment group',
    resource: input.deploymentGroupName,
  });
}

import {
  ApplicationInfo,
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentConfigCommand,
  CreateDeploymentGroupCommand,
  CreateDeploymentGroupCommandInput,
  DeploymentConfigInfo,
  DeploymentGroupInfo,
  GetApplicationCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  ListTagsForResourceCommand,
  TrafficRoutingConfig,
} from '@aws-sdk/client-codedeploy';
import { AwsTag, tagRecord } from '@ecs-deploy/plugin-ecs-deploy-node';
import { isAwsError } from '../lib/awsErrors';
import { awsCall } from '../lib/call';
import type { Tagged } from './tagged';

/* CodeDeploy for the scaffolder: lookups with tags; absence is undefined. */

async function tagsOf(codeDeploy: CodeDeployClient, arn: string) {
  return awsCall('reading tags', arn, async () => {
    const res = await codeDeploy.send(
      new ListTagsForResourceCommand({ ResourceArn: arn }),
    );
    return tagRecord(res.Tags);
  });
}

export async function findApplication(
  codeDeploy: CodeDeployClient,
  name: string,
  arn: string,
): Promise<Tagged<ApplicationInfo> | undefined> {
  const found = await awsCall(
    'looking up the CodeDeploy application',
    name,
    async () => {
      try {
        const res = await codeDeploy.send(
          new GetApplicationCommand({ applicationName: name }),
        );
        return res.application;
      } catch (e) {
        if (isAwsError(e, 'ApplicationDoesNotExistException')) return undefined;
        throw e;
      }
    },
  );
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
  const found = await awsCall(
    'looking up the deployment group',
    deploymentGroupName,
    async () => {
      try {
        const res = await codeDeploy.send(
          new GetDeploymentGroupCommand({
            applicationName,
            deploymentGroupName,
          }),
        );
        return res.deploymentGroupInfo;
      } catch (e) {
        if (
          isAwsError(
            e,
            'DeploymentGroupDoesNotExistException',
            'ApplicationDoesNotExistException',
          )
        ) {
          return undefined;
        }
        throw e;
      }
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
  return awsCall('looking up the deployment config', name, async () => {
    try {
      const res = await codeDeploy.send(
        new GetDeploymentConfigCommand({ deploymentConfigName: name }),
      );
      return res.deploymentConfigInfo;
    } catch (e) {
      if (isAwsError(e, 'DeploymentConfigDoesNotExistException'))
        return undefined;
      throw e;
    }
  });
}

export async function createDeploymentConfig(
  codeDeploy: CodeDeployClient,
  name: string,
  routing: TrafficRoutingConfig,
): Promise<void> {
  await awsCall('creating the deployment config', name, () =>
    codeDeploy.send(
      new CreateDeploymentConfigCommand({
        deploymentConfigName: name,
        computePlatform: 'ECS',
        trafficRoutingConfig: routing,
      }),
    ),
  );
}

export async function createApplication(
  codeDeploy: CodeDeployClient,
  name: string,
  tags: AwsTag[],
): Promise<void> {
  await awsCall('creating the CodeDeploy application', name, () =>
    codeDeploy.send(
      new CreateApplicationCommand({
        applicationName: name,
        computePlatform: 'ECS',
        tags,
      }),
    ),
  );
}

export async function createDeploymentGroup(
  codeDeploy: CodeDeployClient,
  input: CreateDeploymentGroupCommandInput,
): Promise<void> {
  await awsCall(
    'creating the deployment group',
    input.deploymentGroupName ?? '',
    () => codeDeploy.send(new CreateDeploymentGroupCommand(input)),
  );
}

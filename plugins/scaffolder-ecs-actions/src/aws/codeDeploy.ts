import {
  CodeDeployClient,
  GetApplicationCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-codedeploy';
import { tagRecord } from '@ecs-deploy/plugin-ecs-deploy-node';
import { isAwsError } from '../lib/awsErrors';
import { awsCall } from '../lib/call';

/* Read-only CodeDeploy lookups; absence is undefined. */

export async function findApplication(
  codeDeploy: CodeDeployClient,
  name: string,
) {
  return awsCall('looking up the CodeDeploy application', name, async () => {
    try {
      const res = await codeDeploy.send(
        new GetApplicationCommand({ applicationName: name }),
      );
      return res.application;
    } catch (e) {
      if (isAwsError(e, 'ApplicationDoesNotExistException')) return undefined;
      throw e;
    }
  });
}

export async function findDeploymentGroup(
  codeDeploy: CodeDeployClient,
  applicationName: string,
  deploymentGroupName: string,
) {
  return awsCall(
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
}

export async function findDeploymentConfig(
  codeDeploy: CodeDeployClient,
  name: string,
) {
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

export async function codeDeployTags(
  codeDeploy: CodeDeployClient,
  arn: string,
) {
  return awsCall('reading tags', arn, async () => {
    const res = await codeDeploy.send(
      new ListTagsForResourceCommand({ ResourceArn: arn }),
    );
    return tagRecord(res.Tags);
  });
}

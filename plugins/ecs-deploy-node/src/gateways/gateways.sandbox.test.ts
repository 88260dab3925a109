import { CreateApplicationCommand } from '@aws-sdk/client-codedeploy';
import { CreateClusterCommand } from '@aws-sdk/client-ecs';
import { CreateRepositoryCommand } from '@aws-sdk/client-ecr';
import { ConfigReader } from '@backstage/config';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import { AwsClientFactory, AwsClients } from '../AwsClientFactory';
import {
  codeDeployGateway,
  codePipelineGateway,
  ecrGateway,
  ecsGateway,
  elbv2Gateway,
  taggingGateway,
} from './index';

const ACCOUNT = '111111111111';

describe('gateways against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: AwsClients;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    const factory = AwsClientFactory.fromConfig(
      new ConfigReader({
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
          aws: { endpoint: sb.url, defaultRegion: 'eu-west-1', maxAttempts: 1 },
        },
      }),
    );
    clients = await factory.forResource({ accountId: ACCOUNT });
    await clients.ecs.send(new CreateClusterCommand({ clusterName: 'c' }));
  });
  afterAll(() => sb?.close());
  beforeEach(() => {
    sb.faults.clear();
    sb.callLog.reset();
  });

  it('answers lookups of resources AWS does not know with undefined', async () => {
    await clients.ecr.send(
      new CreateRepositoryCommand({ repositoryName: 'present' }),
    );
    const found = await Promise.all([
      ecsGateway.findService(clients.ecs, { cluster: 'c', service: 'nope' }),
      ecsGateway.findTaskDefinition(clients.ecs, 'nope'),
      codeDeployGateway.findApplication(clients.codeDeploy, 'nope'),
      codeDeployGateway.findDeploymentGroup(clients.codeDeploy, {
        applicationName: 'nope',
        deploymentGroupName: 'nope',
      }),
      codeDeployGateway.findDeploymentConfig(clients.codeDeploy, 'nope'),
      codePipelineGateway.findPipeline(clients.codePipeline, 'nope'),
      ecrGateway.findRepository(clients.ecr, { repositoryName: 'nope' }),
      ecrGateway.findImageDigest(clients.ecr, {
        repositoryName: 'present',
        imageTag: 'nope',
      }),
      elbv2Gateway.findLoadBalancer(clients.elbv2, 'nope'),
      elbv2Gateway.findTargetGroup(clients.elbv2, 'nope'),
    ]);
    expect(found).toEqual(found.map(() => undefined));
  });

  it('maps a failure that is not an absence, naming the resource', async () => {
    // The repository itself is missing: not the absence of a tag.
    await expect(
      ecrGateway.findImageDigest(
        clients.ecr,
        { repositoryName: 'nope', imageTag: 'prod' },
        { resource: 'nope:prod' },
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      code: 'RepositoryNotFoundException',
      message: expect.stringContaining('nope:prod not found'),
    });
  });

  it('maps errors once, naming the IAM action of the call', async () => {
    sb.faults.set('ecs:DescribeServices', { throttleRate: 1 });
    await expect(
      ecsGateway.describeServices(clients.ecs, {
        cluster: 'c',
        services: ['s'],
      }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        'AWS is throttling ecs:DescribeServices',
      ),
    });
    sb.faults.set('tagging:GetResources', {
      errorRate: 1,
      errorCode: 'AccessDeniedException',
      errorStatus: 400,
    });
    await expect(
      taggingGateway.getResources(
        clients.tagging,
        { ResourceARNList: [`arn:aws:ecs:eu-west-1:${ACCOUNT}:service/c/s`] },
        { resource: 'the service' },
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        'not allowed to perform tag:GetResources on the service',
      ),
    });
  });

  it('walks every page of a listing', async () => {
    // ListApplications answers 100 per page.
    for (let i = 0; i < 105; i++) {
      await clients.codeDeploy.send(
        new CreateApplicationCommand({
          applicationName: `app-${i}`,
          computePlatform: 'ECS',
        }),
      );
    }
    sb.callLog.reset();
    const names = await codeDeployGateway.listApplications(clients.codeDeploy);
    expect(names).toHaveLength(105);
    expect(sb.callLog.count('codedeploy:ListApplications')).toBe(2);
  });

  it('splits batch reads by AWS limits', async () => {
    const arns = Array.from(
      { length: 25 },
      (_, i) => `arn:aws:ecs:eu-west-1:${ACCOUNT}:service-deployment/c/s/d${i}`,
    );
    await expect(
      ecsGateway.describeServiceDeployments(clients.ecs, arns),
    ).resolves.toEqual([]);
    expect(sb.callLog.count('ecs:DescribeServiceDeployments')).toBe(2);
  });
});

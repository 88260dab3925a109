import {
  CreateRepositoryCommand,
  ECRClient,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceRevisionsCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { startSandbox, type RunningSandbox } from '../../server';
import { sandboxClientConfig } from '../../testUtils';

describe('ECS and ECR in the China partition', () => {
  let sb: RunningSandbox;
  let ecs: ECSClient;
  let ecr: ECRClient;

  beforeEach(async () => {
    sb = await startSandbox();
    const config = sandboxClientConfig(sb, { region: 'cn-north-1' });
    ecs = new ECSClient(config);
    ecr = new ECRClient(config);
  });
  afterEach(async () => {
    ecs.destroy();
    ecr.destroy();
    await sb.close();
  });

  it('names resources in aws-cn and resolves a .com.cn image tag to its digest', async () => {
    const { repository } = await ecr.send(
      new CreateRepositoryCommand({ repositoryName: 'orders' }),
    );
    expect(repository).toMatchObject({
      repositoryArn: 'arn:aws-cn:ecr:cn-north-1:111111111111:repository/orders',
      repositoryUri: '111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/orders',
    });
    const pushed = await ecr.send(
      new PutImageCommand({
        repositoryName: 'orders',
        imageTag: 'prod',
        imageManifest: JSON.stringify({ schemaVersion: 2, layers: [] }),
      }),
    );

    const { cluster } = await ecs.send(
      new CreateClusterCommand({ clusterName: 'shop' }),
    );
    expect(cluster!.clusterArn).toBe(
      'arn:aws-cn:ecs:cn-north-1:111111111111:cluster/shop',
    );
    const image = `${repository!.repositoryUri}:prod`;
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'orders',
        containerDefinitions: [{ name: 'app', image }],
      }),
    );
    const { service } = await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'orders',
        taskDefinition: taskDefinition!.taskDefinitionArn,
        desiredCount: 1,
      }),
    );
    expect(service!.serviceArn).toBe(
      'arn:aws-cn:ecs:cn-north-1:111111111111:service/shop/orders',
    );
    const { serviceRevisions } = await ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [service!.currentServiceRevisions![0].arn!],
      }),
    );
    expect(serviceRevisions![0].containerImages).toEqual([
      {
        containerName: 'app',
        image,
        imageDigest: pushed.image!.imageId!.imageDigest,
      },
    ]);
  });
});

import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  GetResourcesCommand,
  GetTagKeysCommand,
  GetTagValuesCommand,
  ResourceGroupsTaggingAPIClient,
  paginateGetResources,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { startSandbox, type RunningSandbox } from '../../server';
import { sandboxClientConfig } from '../../testUtils';

const entity = (name: string) => [
  { key: 'backstage.io/entity', value: `component:default/${name}` },
];

describe('Resource Groups Tagging API', () => {
  let sb: RunningSandbox;
  let tagging: ResourceGroupsTaggingAPIClient;

  beforeEach(async () => {
    sb = await startSandbox();
    tagging = new ResourceGroupsTaggingAPIClient(sandboxClientConfig(sb));
    const ecs = new ECSClient(sandboxClientConfig(sb));
    const ecr = new ECRClient(sandboxClientConfig(sb));
    await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'app',
        containerDefinitions: [{ name: 'app', image: 'app:1' }],
      }),
    );
    for (const [name, env] of [
      ['payments-api', 'dev'],
      ['checkout-web', 'dev'],
      ['payments-worker', 'prod'],
    ]) {
      await ecs.send(
        new CreateServiceCommand({
          cluster: 'shop',
          serviceName: name,
          taskDefinition: taskDefinition!.taskDefinitionArn,
          tags: [...entity(name), { key: 'environment', value: env }],
        }),
      );
    }
    await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'payments-api',
        tags: [
          {
            Key: 'backstage.io/entity',
            Value: 'component:default/payments-api',
          },
        ],
      }),
    );
    ecs.destroy();
    ecr.destroy();
  });
  afterEach(async () => {
    tagging.destroy();
    await sb.close();
  });

  it('finds resources by tag and resource type', async () => {
    const all = await tagging.send(
      new GetResourcesCommand({
        TagFilters: [
          {
            Key: 'backstage.io/entity',
            Values: ['component:default/payments-api'],
          },
        ],
      }),
    );
    expect(all.ResourceTagMappingList!.map(r => r.ResourceARN)).toEqual([
      'arn:aws:ecr:eu-west-1:111111111111:repository/payments-api',
      'arn:aws:ecs:eu-west-1:111111111111:service/shop/payments-api',
    ]);
    expect(all.PaginationToken).toBe('');

    const services = await tagging.send(
      new GetResourcesCommand({
        TagFilters: [{ Key: 'environment', Values: ['dev', 'prod'] }],
        ResourceTypeFilters: ['ecs:service'],
      }),
    );
    expect(services.ResourceTagMappingList).toHaveLength(3);
    expect(services.ResourceTagMappingList![0].Tags).toContainEqual({
      Key: 'environment',
      Value: 'dev',
    });

    const repos = await tagging.send(
      new GetResourcesCommand({ ResourceTypeFilters: ['ecr:repository'] }),
    );
    expect(repos.ResourceTagMappingList).toHaveLength(1);

    // another region sees nothing
    const elsewhere = new ResourceGroupsTaggingAPIClient(
      sandboxClientConfig(sb, { region: 'us-east-1' }),
    );
    const none = await elsewhere.send(
      new GetResourcesCommand({ ResourceTypeFilters: ['ecs:service'] }),
    );
    expect(none.ResourceTagMappingList).toEqual([]);
    elsewhere.destroy();
  });

  it('paginates and lists tag keys and values', async () => {
    const arns: string[] = [];
    for await (const page of paginateGetResources(
      { client: tagging, pageSize: 2 },
      { TagFilters: [{ Key: 'backstage.io/entity' }] },
    )) {
      arns.push(...page.ResourceTagMappingList!.map(r => r.ResourceARN!));
    }
    expect(arns).toHaveLength(4);
    const keys = await tagging.send(new GetTagKeysCommand({}));
    expect(keys.TagKeys).toEqual(['backstage.io/entity', 'environment']);
    const values = await tagging.send(
      new GetTagValuesCommand({ Key: 'environment' }),
    );
    expect(values.TagValues).toEqual(['dev', 'prod']);
  });

  it('rejects bad input with InvalidParameterException', async () => {
    await expect(
      tagging.send(new GetResourcesCommand({ ResourcesPerPage: 1000 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      tagging.send(new GetResourcesCommand({ PaginationToken: 'garbage' })),
    ).rejects.toMatchObject({ name: 'PaginationTokenExpiredException' });
  });
});

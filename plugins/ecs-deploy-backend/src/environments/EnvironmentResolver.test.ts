import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  AwsClientFactory,
  DEFAULT_TAG_KEYS,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsGateways } from '../aws/AwsGateways';
import { ClassedCache } from '../cache/ClassedCache';
import { ReadCache } from '../cache/ReadCache';
import { EnvironmentResolver } from './EnvironmentResolver';

const tagging = mockClient(ResourceGroupsTaggingAPIClient);

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'search-api', namespace: 'default', annotations },
});

function resolver(
  discovery = [{ accountId: '222222222222', region: 'eu-west-1' }],
) {
  const clients = AwsClientFactory.fromConfig(
    new ConfigReader({
      aws: {
        accounts: [
          { accountId: '222222222222', accessKeyId: 'a', secretAccessKey: 'b' },
          { accountId: '333333333333', accessKeyId: 'c', secretAccessKey: 'd' },
        ],
      },
      ecsDeploy: { aws: { defaultRegion: 'eu-west-1' } },
    }),
  );
  return new EnvironmentResolver(
    createAwsGateways(
      clients,
      new ClassedCache(new ReadCache(mockServices.cache.mock() as any), {
        active: 0,
        finished: 0,
        list: 0,
        resolution: 0,
      }),
    ),
    {
      discovery,
      tagKeys: DEFAULT_TAG_KEYS,
      defaultRegion: 'eu-west-1',
    },
  );
}

describe('EnvironmentResolver', () => {
  beforeEach(() => tagging.reset());

  it('resolves annotated environments in promotion order without AWS calls', async () => {
    const envs = await resolver().resolve(
      entity({
        'ecs-deploy.io/environments': 'staging,prod',
        'ecs-deploy.io/service-arn.prod':
          'arn:aws:ecs:eu-west-1:333333333333:service/c-prod/search-api',
        'ecs-deploy.io/service-arn.staging':
          'arn:aws:ecs:eu-west-1:222222222222:service/c-staging/search-api',
        'ecs-deploy.io/codedeploy.prod': 'search-api/search-api-prod',
      }),
    );
    expect(envs.map(e => [e.name, e.accountId])).toEqual([
      ['staging', '222222222222'],
      ['prod', '333333333333'],
    ]);
    expect(envs[1].codeDeploy).toEqual({
      application: 'search-api',
      deploymentGroup: 'search-api-prod',
    });
    expect(tagging.calls()).toHaveLength(0);
  });

  it('discovers resources by tags, placing them by the environment tag', async () => {
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        {
          ResourceARN:
            'arn:aws:ecs:eu-west-1:222222222222:service/c-staging/search-api',
          Tags: [
            {
              Key: 'backstage.io/entity',
              Value: 'component:default/search-api',
            },
            { Key: 'environment', Value: 'staging' },
          ],
        },
        {
          ResourceARN:
            'arn:aws:codepipeline:eu-west-1:222222222222:search-api-staging',
          Tags: [{ Key: 'environment', Value: 'staging' }],
        },
        {
          ResourceARN:
            'arn:aws:codedeploy:eu-west-1:222222222222:deploymentgroup:search-api/search-api-staging',
          Tags: [{ Key: 'environment', Value: 'staging' }],
        },
        {
          // No environment tag: cannot be placed, left out.
          ResourceARN: 'arn:aws:ecs:eu-west-1:222222222222:service/c/other',
          Tags: [],
        },
      ],
    });
    const [env, ...rest] = await resolver().resolve(
      entity({ 'ecs-deploy.io/discovery': 'tags' }),
    );
    expect(rest).toEqual([]);
    expect(env).toMatchObject({
      name: 'staging',
      accountId: '222222222222',
      service: { serviceName: 'search-api', cluster: 'c-staging' },
      pipeline: { name: 'search-api-staging' },
      codeDeploy: {
        application: 'search-api',
        deploymentGroup: 'search-api-staging',
      },
    });
    expect(tagging.commandCalls(GetResourcesCommand)[0].args[0].input).toEqual({
      TagFilters: [
        {
          Key: 'backstage.io/entity',
          Values: ['component:default/search-api'],
        },
      ],
    });
  });

  it('answers NotFound naming the annotations when there are none', async () => {
    await expect(resolver().resolve(entity({}))).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining(
        'ecs-deploy.io/service-arn.<environment>',
      ),
    });
    await expect(
      resolver([]).resolve(entity({ 'ecs-deploy.io/discovery': 'tags' })),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('ecsDeploy.discovery.locations'),
    });
  });

  it('rejects an annotation that is not an ECS service ARN', async () => {
    await expect(
      resolver().resolve(
        entity({ 'ecs-deploy.io/service-arn.dev': 'arn:aws:s3:::bucket' }),
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('ecs-deploy.io/service-arn.dev'),
    });
  });

  describe('the awslabs *-tags annotations', () => {
    const SERVICE_TAGS = 'aws.amazon.com/amazon-ecs-service-tags';
    const PIPELINE_TAGS = 'aws.amazon.com/aws-codepipeline-tags';
    const service = (account: string, cluster: string, env?: string) => ({
      ResourceARN: `arn:aws:ecs:eu-west-1:${account}:service/${cluster}/search-api`,
      Tags: [
        { Key: 'component', Value: 'search' },
        ...(env ? [{ Key: 'environment', Value: env }] : []),
      ],
    });
    const pipeline = (account: string, name: string, env?: string) => ({
      ResourceARN: `arn:aws:codepipeline:eu-west-1:${account}:${name}`,
      Tags: env ? [{ Key: 'environment', Value: env }] : [],
    });
    const both = [
      { accountId: '222222222222', region: 'eu-west-1' },
      { accountId: '333333333333', region: 'eu-west-1' },
    ];

    it('finds the services by their tags and type, one environment per environment tag', async () => {
      tagging
        .on(GetResourcesCommand, { ResourceTypeFilters: ['ecs:service'] })
        .resolves({
          ResourceTagMappingList: [
            service('222222222222', 'c-staging', 'staging'),
          ],
        });
      const envs = await resolver().resolve(
        entity({
          [SERVICE_TAGS]: 'component=search, team=discovery',
          'ecs-deploy.io/environments': 'staging,prod',
        }),
      );
      expect(envs).toEqual([
        {
          name: 'staging',
          accountId: '222222222222',
          region: 'eu-west-1',
          service: expect.objectContaining({
            serviceName: 'search-api',
            cluster: 'c-staging',
          }),
          annotationKeys: { serviceArn: SERVICE_TAGS },
        },
      ]);
      expect(
        tagging.commandCalls(GetResourcesCommand)[0].args[0].input,
      ).toEqual({
        TagFilters: [
          { Key: 'component', Values: ['search'] },
          { Key: 'team', Values: ['discovery'] },
        ],
        ResourceTypeFilters: ['ecs:service'],
      });
    });

    it('puts a lone untagged service and a lone untagged pipeline in one default environment', async () => {
      tagging
        .on(GetResourcesCommand, { ResourceTypeFilters: ['ecs:service'] })
        .resolves({ ResourceTagMappingList: [service('222222222222', 'c')] })
        .on(GetResourcesCommand, {
          ResourceTypeFilters: ['codepipeline:pipeline'],
        })
        .resolves({
          ResourceTagMappingList: [pipeline('222222222222', 'search-api')],
        });
      const envs = await resolver().resolve(
        entity({
          [SERVICE_TAGS]: 'component=search',
          [PIPELINE_TAGS]: 'component=search',
        }),
      );
      expect(envs).toHaveLength(1);
      expect(envs[0]).toMatchObject({
        name: 'default',
        service: { serviceName: 'search-api' },
        pipeline: { name: 'search-api' },
        annotationKeys: {
          serviceArn: SERVICE_TAGS,
          pipelineArn: PIPELINE_TAGS,
        },
      });
    });

    it('leaves out what the Tagging API answers from another account or region than asked', async () => {
      tagging.on(GetResourcesCommand).resolves({
        ResourceTagMappingList: [
          service('999999999999', 'c-prod', 'prod'),
          {
            ResourceARN:
              'arn:aws:ecs:us-east-1:222222222222:service/c-dev/search-api',
            Tags: [{ Key: 'environment', Value: 'dev' }],
          },
          service('222222222222', 'c-staging', 'staging'),
        ],
      });
      const envs = await resolver().resolve(
        entity({ [SERVICE_TAGS]: 'component=search' }),
      );
      expect(envs.map(e => [e.name, e.accountId, e.region])).toEqual([
        ['staging', '222222222222', 'eu-west-1'],
      ]);
    });

    it('refuses several services in one environment, or several without an environment tag', async () => {
      tagging.on(GetResourcesCommand).resolves({
        ResourceTagMappingList: [
          service('222222222222', 'a', 'prod'),
          service('222222222222', 'b', 'prod'),
        ],
      });
      await expect(
        resolver().resolve(entity({ [SERVICE_TAGS]: 'component=search' })),
      ).rejects.toMatchObject({
        name: 'InputError',
        code: 'AmbiguousTagLookup',
        message: `Annotation ${SERVICE_TAGS} matches 2 ECS services, 2 of them in environment prod (a/search-api in 222222222222 / eu-west-1, b/search-api in 222222222222 / eu-west-1): each must carry a distinct environment tag, or narrow the tags`,
      });
      tagging.reset();
      tagging.on(GetResourcesCommand).resolves({
        ResourceTagMappingList: [
          service('222222222222', 'a', 'prod'),
          service('222222222222', 'b'),
        ],
      });
      await expect(
        resolver().resolve(entity({ [SERVICE_TAGS]: 'component=search' })),
      ).rejects.toMatchObject({
        name: 'InputError',
        code: 'AmbiguousTagLookup',
        message: `Annotation ${SERVICE_TAGS} matches 2 ECS services, and b/search-api in 222222222222 / eu-west-1 carries no environment tag: tag each with its environment, or narrow the tags`,
      });
    });

    it('answers ResourceNotFound naming the annotation and where it looked when nothing matches', async () => {
      tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
      await expect(
        resolver(both).resolve(entity({ [PIPELINE_TAGS]: 'component=search' })),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        code: 'ResourceNotFound',
        message: `No CodePipeline pipeline tagged component=search was found in 222222222222 / eu-west-1, 333333333333 / eu-west-1 (${PIPELINE_TAGS})`,
      });
    });

    it('rejects a malformed tags annotation by name without AWS calls', async () => {
      await expect(
        resolver().resolve(entity({ [SERVICE_TAGS]: 'search' })),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: `Annotation ${SERVICE_TAGS} is not a list of <key>=<value> tags: 'search' is not <key>=<value>`,
      });
      expect(tagging.calls()).toHaveLength(0);
    });

    it('says which config is missing when no location is configured', async () => {
      await expect(
        resolver([]).resolve(entity({ [SERVICE_TAGS]: 'component=search' })),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message: `Entity component:default/search-api asks for a tag lookup (${SERVICE_TAGS}) but neither ecsDeploy.discovery.locations nor aws.locator.resourceTaggingApi is configured`,
      });
      expect(tagging.calls()).toHaveLength(0);
    });
  });
});

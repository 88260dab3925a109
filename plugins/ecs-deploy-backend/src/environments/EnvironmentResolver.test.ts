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
});

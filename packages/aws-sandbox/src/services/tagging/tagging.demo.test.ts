import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { startSandbox, type RunningSandbox } from '../../server';
import { sandboxClientConfig } from '../../testUtils';
import { resourceTypeOf } from './resourceType';

/* Discovery by tags across every service, as the portal does it, on the demo fleet. */

describe('Tagging API over the demo fleet', () => {
  let sb: RunningSandbox;
  let tagging: ResourceGroupsTaggingAPIClient;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 'demo', speed: 0 });
    tagging = new ResourceGroupsTaggingAPIClient(
      sandboxClientConfig(sb, { accountId: '111111111111' }),
    );
  });
  afterAll(async () => {
    tagging.destroy();
    await sb.close();
  });

  it('finds an entity’s service, pipeline, deployment group and repository by type', async () => {
    const { ResourceTagMappingList } = await tagging.send(
      new GetResourcesCommand({
        TagFilters: [
          {
            Key: 'backstage.io/entity',
            Values: ['component:default/payments-api'],
          },
        ],
        ResourceTypeFilters: [
          'ecs:service',
          'codepipeline',
          'codedeploy:deploymentgroup',
          'ecr:repository',
        ],
      }),
    );
    const types = ResourceTagMappingList!.map(r => {
      const parsed = resourceTypeOf(r.ResourceARN!)!;
      return `${parsed.service}:${parsed.type}`;
    });
    expect(types.sort()).toEqual([
      'codedeploy:deploymentgroup',
      'codepipeline:pipeline',
      'ecr:repository',
      'ecs:service',
    ]);
    const service = ResourceTagMappingList!.find(r =>
      r.ResourceARN!.includes(':service/'),
    )!;
    expect(service.Tags).toContainEqual({ Key: 'environment', Value: 'dev' });
  });
});

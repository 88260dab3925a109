import { ECSClient, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import {
  CodePipelineClient,
  GetPipelineCommand,
} from '@aws-sdk/client-codepipeline';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import {
  parseEcsDeployAnnotations,
  parseEcsServiceArn,
  parsePipelineArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

// The demo catalog and the sandbox's demo fleet are written separately; this
// keeps them in agreement, so every demo entity shows real data in `yarn start`.

const services: Entity[] = parseAllDocuments(
  readFileSync(resolve(__dirname, '../../../catalog/services.yaml'), 'utf8'),
).map(doc => doc.toJS());

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
});

afterAll(() => sandbox.close());

// The accounts app-config.yaml lists under ecsDeploy.discovery.locations.
const DEMO_ACCOUNTS = ['111111111111', '222222222222', '333333333333'];

function clientConfig(accountId: string, region: string) {
  // the sandbox takes a 12-digit access key id as the account, as in app-config.yaml
  return {
    endpoint: sandbox.url,
    region,
    credentials: { accessKeyId: accountId, secretAccessKey: 'x' },
  };
}

describe('the demo catalog', () => {
  it('has at least six ECS services owned by more than one team', () => {
    expect(services.length).toBeGreaterThanOrEqual(6);
    const owners = new Set(services.map(e => (e.spec as any).owner));
    expect(owners.size).toBeGreaterThan(1);
    expect(owners).toContain('team-payments');
  });

  const annotated = services.map(entity => ({
    entity,
    name: entity.metadata.name,
    annotations: parseEcsDeployAnnotations(entity),
  }));
  const serviceArns = annotated.flatMap(({ name, annotations }) =>
    annotations.environments.map(env => [name, env.serviceArn!] as const),
  );
  const pipelineArns = annotated.flatMap(({ annotations }) =>
    annotations.environments.flatMap(env =>
      env.pipelineArn ? [env.pipelineArn] : [],
    ),
  );
  const discovered = annotated.filter(a => a.annotations.discoverByTags);
  const lookups = annotated.flatMap(({ name, annotations }) =>
    annotations.tagLookups.map(lookup => [name, lookup] as const),
  );

  it('points every entity at AWS one way or another', () => {
    for (const { annotations } of annotated) {
      expect(annotations.invalidAnnotations).toEqual([]);
      expect(
        annotations.environments.length > 0 ||
          annotations.discoverByTags ||
          annotations.tagLookups.length > 0,
      ).toBe(true);
    }
    expect(discovered.length).toBeGreaterThan(0);
  });

  it('has an entity annotated only with the awslabs ECS service tags', () => {
    const tagsOnly = annotated.filter(
      ({ entity }) =>
        Object.keys(entity.metadata.annotations ?? {}).join() ===
        'aws.amazon.com/amazon-ecs-service-tags',
    );
    expect(tagsOnly.map(t => t.name)).toEqual(['notifications-service']);
  });

  it.each(lookups)(
    '%s: its tags annotation finds services, one per environment',
    async (_name, lookup) => {
      const found = await Promise.all(
        DEMO_ACCOUNTS.map(account =>
          new ResourceGroupsTaggingAPIClient(
            clientConfig(account, 'eu-west-1'),
          ).send(
            new GetResourcesCommand({
              TagFilters: lookup.tags.map(t => ({
                Key: t.key,
                Values: [t.value],
              })),
              ResourceTypeFilters: [
                lookup.resourceType === 'ecs-service'
                  ? 'ecs:service'
                  : 'codepipeline:pipeline',
              ],
            }),
          ),
        ),
      );
      const environments = found.flatMap(
        f =>
          f.ResourceTagMappingList?.map(
            m => m.Tags?.find(t => t.Key === 'environment')?.Value,
          ) ?? [],
      );
      expect(environments.length).toBeGreaterThan(0);
      expect(environments.every(Boolean)).toBe(true);
      expect(new Set(environments).size).toBe(environments.length);
    },
  );

  it.each(serviceArns)('%s: the service %s exists', async (name, arn) => {
    const service = parseEcsServiceArn(arn)!;
    const ecs = new ECSClient(clientConfig(service.accountId, service.region));
    const { services: found } = await ecs.send(
      new DescribeServicesCommand({
        cluster: service.cluster,
        services: [service.serviceName],
      }),
    );
    expect(found?.map(s => s.serviceName)).toEqual([name]);
  });

  it.each(pipelineArns)('the pipeline %s exists', async arn => {
    const pipeline = parsePipelineArn(arn)!;
    const codepipeline = new CodePipelineClient(
      clientConfig(pipeline.accountId, pipeline.region),
    );
    const got = await codepipeline.send(
      new GetPipelineCommand({ name: pipeline.name }),
    );
    expect(got.pipeline?.name).toBe(pipeline.name);
  });

  it.each(discovered.map(d => [d.name, stringifyEntityRef(d.entity)]))(
    '%s: its services are found by their entity tag',
    async (_name, entityRef) => {
      const found = await new ResourceGroupsTaggingAPIClient(
        clientConfig('111111111111', 'eu-west-1'),
      ).send(
        new GetResourcesCommand({
          TagFilters: [{ Key: 'backstage.io/entity', Values: [entityRef] }],
          ResourceTypeFilters: ['ecs:service'],
        }),
      );
      expect(found.ResourceTagMappingList?.length).toBeGreaterThan(0);
    },
  );
});

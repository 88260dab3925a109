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

  it('points every entity at AWS one way or another', () => {
    for (const { annotations } of annotated) {
      expect(
        annotations.environments.length > 0 || annotations.discoverByTags,
      ).toBe(true);
    }
    expect(discovered.length).toBeGreaterThan(0);
  });

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

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

  it.each(services.map(e => [e.metadata.name, e] as const))(
    '%s points at resources the sandbox demo fleet has',
    async (name, entity) => {
      const annotations = parseEcsDeployAnnotations(entity);
      const entityRef = stringifyEntityRef(entity);

      if (annotations.discoverByTags) {
        const found = await new ResourceGroupsTaggingAPIClient(
          clientConfig('111111111111', 'eu-west-1'),
        ).send(
          new GetResourcesCommand({
            TagFilters: [{ Key: 'backstage.io/entity', Values: [entityRef] }],
            ResourceTypeFilters: ['ecs:service'],
          }),
        );
        expect(found.ResourceTagMappingList?.length).toBeGreaterThan(0);
        return;
      }

      expect(annotations.environments.length).toBeGreaterThan(0);
      for (const env of annotations.environments) {
        const service = parseEcsServiceArn(env.serviceArn!)!;
        const ecs = new ECSClient(
          clientConfig(service.accountId, service.region),
        );
        const { services: found } = await ecs.send(
          new DescribeServicesCommand({
            cluster: service.cluster,
            services: [service.serviceName],
          }),
        );
        expect(found?.map(s => s.serviceName)).toEqual([name]);

        if (env.pipelineArn) {
          const pipeline = parsePipelineArn(env.pipelineArn)!;
          const codepipeline = new CodePipelineClient(
            clientConfig(pipeline.accountId, pipeline.region),
          );
          const got = await codepipeline.send(
            new GetPipelineCommand({ name: pipeline.name }),
          );
          expect(got.pipeline?.name).toBe(pipeline.name);
        }
      }
    },
  );
});

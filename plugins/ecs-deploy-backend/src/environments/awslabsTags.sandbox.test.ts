import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RunningSandbox,
  advanceSandbox,
  sandboxClientConfig,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  ResourceTag,
  createCluster,
  createEcsService,
  createPipeline,
  ownerTags,
  registerTaskDefinition,
  sdkFleetCaller,
} from '@ecs-deploy/aws-sandbox/testing';
import {
  EnvironmentsResponse,
  HistoryResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { ecsDeployPlugin } from '../plugin';
import {
  ActionClients,
  actionClients,
  createRepository,
  pushImage,
} from '../actions/__testUtils__/actionFleet';
import {
  ACCOUNT,
  REGION,
  component,
  sandboxConfig,
} from '../__testUtils__/sandboxFleet';

/*
 * Entities annotated the way adopters of the awslabs AWS plugins annotate
 * them (`aws.amazon.com/amazon-ecs-service-tags`, `aws-codepipeline-tags`),
 * and `aws.locator` config, against the sandbox with the real SDK clients.
 */

const SERVICE_TAGS = 'aws.amazon.com/amazon-ecs-service-tags';
const PIPELINE_TAGS = 'aws.amazon.com/aws-codepipeline-tags';
const SECOND_REGION = 'us-east-1';

const tags = (record: Record<string, string>): ResourceTag[] =>
  Object.entries(record).map(([Key, Value]) => ({ Key, Value }));

const entities = [
  component('orders', { [SERVICE_TAGS]: 'component=orders' }),
  component('orders-delivery', {
    [SERVICE_TAGS]: 'component = orders',
    [PIPELINE_TAGS]: 'component=orders, stage=deploy',
  }),
  component('twins', { [SERVICE_TAGS]: 'component=twins' }),
  component('nothing', { [SERVICE_TAGS]: 'component=nothing' }),
  component('malformed', { [SERVICE_TAGS]: 'orders' }),
  component('ledger', { 'ecs-deploy.io/discovery': 'tags' }),
];

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

function startBackend(config: object): Promise<Backend> {
  return startTestBackend({
    features: [
      ecsDeployPlugin,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
}

const api = (name: string, path: string) =>
  `/api/ecs-deploy/entities/component/default/${name}${path}`;

// Over HTTP against a sandbox on a shared CI machine: allow slow runs.
jest.setTimeout(60_000);

describe('the awslabs tags annotations and aws.locator', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let secondRegion: ECSClient;
  /** `ecsDeploy.discovery.locations`: the account in eu-west-1 only. */
  let own: Backend;
  /** `aws.locator.resourceTaggingApi` alone: the account in two regions. */
  let locator: Backend;

  /** A rolling worker deployed twice, so that its history has entries. */
  async function worker(
    fleet: ActionClients['fleet'],
    ecs: ECSClient,
    cluster: string,
    name: string,
    resourceTags: ResourceTag[],
  ) {
    const image = (tag: string) =>
      `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${name}:${tag}`;
    const v1 = await registerTaskDefinition(fleet, {
      family: `${name}-${cluster}`,
      image: image('aaaaaaa'),
    });
    await createEcsService(fleet, {
      cluster,
      serviceName: name,
      taskDefinition: v1,
      controller: { type: 'ECS' },
      desiredCount: 1,
      tags: resourceTags,
    });
    advanceSandbox(sb, 70_000);
    const v2 = await registerTaskDefinition(fleet, {
      family: `${name}-${cluster}`,
      image: image('bbbbbbb'),
    });
    await ecs.send(
      new UpdateServiceCommand({ cluster, service: name, taskDefinition: v2 }),
    );
    advanceSandbox(sb, 70_000);
  }

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    secondRegion = new ECSClient(
      sandboxClientConfig(sb, { accountId: ACCOUNT, region: SECOND_REGION }),
    );
    const secondFleet = sdkFleetCaller({ ecs: secondRegion });
    for (const cluster of ['storefront-dev', 'storefront-prod']) {
      await createCluster(clients.fleet, { name: cluster });
    }
    await createCluster(secondFleet, { name: 'storefront-staging' });

    // Tagged the awslabs way: no entity tag, an environment tag each.
    for (const env of ['dev', 'prod']) {
      await worker(
        clients.fleet,
        clients.ecs,
        `storefront-${env}`,
        'orders',
        tags({ component: 'orders', environment: env }),
      );
    }
    await createRepository(clients, 'orders', { tagged: false });
    await createPipeline(
      clients.fleet,
      {
        name: 'orders-prod',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/pipeline`,
        artifactBucket: 'artifacts',
        image: { repository: 'orders', tag: 'prod' },
        approval: {},
      },
      tags({ component: 'orders', stage: 'deploy', environment: 'prod' }),
    );
    // A push of the watched tag starts the pipeline: one execution.
    await pushImage(clients, 'orders', 'c0ffee1', ['prod']);
    advanceSandbox(sb, 10_000);

    // Two services in one environment: which one is the entity's?
    for (const cluster of ['storefront-dev', 'storefront-prod']) {
      await worker(
        clients.fleet,
        clients.ecs,
        cluster,
        'twins',
        tags({ component: 'twins', environment: 'prod' }),
      );
    }

    // The suite's own tags, in two regions.
    await worker(
      clients.fleet,
      clients.ecs,
      'storefront-dev',
      'ledger',
      ownerTags('component:default/ledger', { environment: 'dev' }),
    );
    await worker(
      secondFleet,
      secondRegion,
      'storefront-staging',
      'ledger',
      ownerTags('component:default/ledger', { environment: 'staging' }),
    );

    const base = sandboxConfig(sb);
    own = await startBackend({
      ...base,
      ecsDeploy: {
        ...base.ecsDeploy,
        discovery: { locations: [{ accountId: ACCOUNT, regions: [REGION] }] },
      },
    });
    locator = await startBackend({
      ...base,
      aws: {
        ...base.aws,
        locator: {
          resourceTaggingApi: {
            accounts: [ACCOUNT],
            regions: [REGION, SECOND_REGION],
          },
        },
      },
    });
  });

  afterAll(async () => {
    await own?.stop();
    await locator?.stop();
    clients?.destroy();
    secondRegion?.destroy();
    await sb?.close();
  });

  describe('an entity annotated only with the ECS service tags', () => {
    it('shows one environment per service, named by its environment tag', async () => {
      const res = await request(own.server).get(api('orders', '/environments'));
      expect(res.status).toBe(200);
      const { environments } = res.body as EnvironmentsResponse;
      expect(environments.map(e => [e.name, e.service.cluster])).toEqual([
        ['dev', 'storefront-dev'],
        ['prod', 'storefront-prod'],
      ]);
      for (const env of environments) {
        expect(env.error).toBeUndefined();
        expect(env).toMatchObject({
          accountId: ACCOUNT,
          region: REGION,
          controller: 'ECS',
          service: { name: 'orders', status: 'ACTIVE' },
        });
        expect(env.pipeline).toBeUndefined();
      }
    });

    it('shows the history of every environment', async () => {
      const res = await request(own.server).get(api('orders', '/history'));
      expect(res.status).toBe(200);
      const body = res.body as HistoryResponse;
      expect(body.unreadable ?? []).toEqual([]);
      expect(new Set(body.items.map(i => i.environment))).toEqual(
        new Set(['dev', 'prod']),
      );
      expect(body.items.every(i => i.kind === 'ecs')).toBe(true);
    });

    it('shows the traffic of every environment', async () => {
      const res = await request(own.server).get(api('orders', '/traffic'));
      expect(res.status).toBe(200);
      const { environments } = res.body as TrafficResponse;
      expect(environments.map(e => [e.environment, e.loadBalanced])).toEqual([
        ['dev', false],
        ['prod', false],
      ]);
      expect(environments.every(e => e.error === undefined)).toBe(true);
    });
  });

  describe('with the pipeline tags too', () => {
    it('places the pipeline in the environment its environment tag names', async () => {
      const res = await request(own.server).get(
        api('orders-delivery', '/environments'),
      );
      expect(res.status).toBe(200);
      const { environments } = res.body as EnvironmentsResponse;
      expect(environments.map(e => [e.name, e.pipeline?.name])).toEqual([
        ['dev', undefined],
        ['prod', 'orders-prod'],
      ]);
    });

    it("shows the pipeline's executions in the history", async () => {
      const res = await request(own.server).get(
        api('orders-delivery', '/history?environment=prod'),
      );
      expect(res.status).toBe(200);
      const pipelineItems = (res.body as HistoryResponse).items.filter(
        i => i.kind === 'pipeline',
      );
      expect(pipelineItems.length).toBeGreaterThan(0);
      expect(pipelineItems.every(i => i.pipelineName === 'orders-prod')).toBe(
        true,
      );
    });

    it('still refuses to act on a pipeline the tags found but that lacks the entity tag', async () => {
      const res = await request(own.server)
        .post(api('orders-delivery', '/actions/start-pipeline'))
        .set('Idempotency-Key', 'awslabs-tags-start-1')
        .send({ environment: 'prod' });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        code: 'NotTaggedForEntity',
      });
    });
  });

  it('answers 400 naming the annotation when several services share an environment', async () => {
    for (const path of ['/environments', '/history', '/traffic']) {
      const res = await request(own.server).get(api('twins', path));
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({
        name: 'InputError',
        code: 'AmbiguousTagLookup',
        message: `Annotation ${SERVICE_TAGS} matches 2 ECS services, 2 of them in environment prod (storefront-dev/twins in ${ACCOUNT} / ${REGION}, storefront-prod/twins in ${ACCOUNT} / ${REGION}): each must carry a distinct environment tag, or narrow the tags`,
      });
    }
  });

  it('answers 404 ResourceNotFound naming the annotation when nothing carries the tags', async () => {
    const res = await request(own.server).get(api('nothing', '/environments'));
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({
      name: 'NotFoundError',
      code: 'ResourceNotFound',
      message: `No ECS service tagged component=nothing was found in ${ACCOUNT} / ${REGION} (${SERVICE_TAGS})`,
    });
  });

  it('answers 400 naming a malformed tags annotation on every route, without AWS calls', async () => {
    sb.callLog.reset();
    for (const path of ['/environments', '/history', '/traffic']) {
      const res = await request(own.server).get(api('malformed', path));
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({
        name: 'InputError',
        code: 'InvalidInput',
        message: `Annotation ${SERVICE_TAGS} is not a list of <key>=<value> tags: 'orders' is not <key>=<value>`,
      });
    }
    expect(sb.callLog.total()).toBe(0);
  });

  describe('aws.locator.resourceTaggingApi as the only locations', () => {
    it('makes tag discovery search every listed region of every listed account', async () => {
      const res = await request(locator.server).get(
        api('ledger', '/environments'),
      );
      expect(res.status).toBe(200);
      const { environments } = res.body as EnvironmentsResponse;
      expect(environments.map(e => [e.name, e.accountId, e.region])).toEqual([
        ['dev', ACCOUNT, REGION],
        ['staging', ACCOUNT, SECOND_REGION],
      ]);
      expect(environments.every(e => e.error === undefined)).toBe(true);
      // ecsDeploy.discovery lists one region: the other stays unsearched.
      const ownRes = await request(own.server).get(
        api('ledger', '/environments'),
      );
      expect(
        (ownRes.body as EnvironmentsResponse).environments.map(e => e.name),
      ).toEqual(['dev']);
    });

    it('serves the awslabs tags lookups too', async () => {
      const res = await request(locator.server).get(api('orders', '/history'));
      expect(res.status).toBe(200);
      expect(
        new Set((res.body as HistoryResponse).items.map(i => i.environment)),
      ).toEqual(new Set(['dev', 'prod']));
    });

    it('answers 404 naming both config keys without any locations', async () => {
      const bare = await startBackend(sandboxConfig(sb));
      try {
        const res = await request(bare.server).get(
          api('orders', '/environments'),
        );
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(
          `Entity component:default/orders asks for a tag lookup (${SERVICE_TAGS}) but neither ecsDeploy.discovery.locations nor aws.locator.resourceTaggingApi is configured`,
        );
      } finally {
        await bare.stop();
      }
    });
  });

  it.each(['resourceExplorer', 'awsConfig'])(
    'refuses to start with aws.locator.type %s',
    async type => {
      const base = sandboxConfig(sb);
      await expect(
        startBackend({ ...base, aws: { ...base.aws, locator: { type } } }),
      ).rejects.toThrow(
        `aws.locator.type '${type}' is not supported by ECS Deploy: it finds resources by their tags with the Resource Groups Tagging API only`,
      );
    },
  );
});

import { ListPipelineExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import {
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import { PromotionPreview } from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import {
  component,
  createCluster,
  serviceArn,
} from '../__testUtils__/sandboxFleet';
import {
  ActionClients,
  actionClients,
  createApprovalPipeline,
  createRepository,
  createRollingService,
  pipelineArn,
  pushImage,
  repositoryArn,
  repositoryUri,
} from './__testUtils__/actionFleet';
import {
  Backend,
  api,
  startActionBackend,
} from './__testUtils__/actionBackend';

const shopAnnotations = (name: string) => ({
  'ecs-deploy.io/environments': 'dev,staging,prod',
  'ecs-deploy.io/ecr-repository-arn': repositoryArn(name),
  'ecs-deploy.io/service-arn.dev': serviceArn(`${name}-dev`, name),
  'ecs-deploy.io/pipeline-arn.staging': pipelineArn(`${name}-staging`),
  'ecs-deploy.io/service-arn.prod': serviceArn(`${name}-prod`, name),
});

const entities = [
  component('shop', shopAnnotations('shop')),
  component('vault', shopAnnotations('vault')),
  component('depot', shopAnnotations('depot')),
];

describe('promotion over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;
  let digest: string;
  let stagingDigest: string;
  let cachedBackend: Backend;
  let depotDigest: string;
  let depotNextDigest: string;

  const preview = (name: string, from: string, to: string) =>
    request(backend.server)
      .get(api(name, '/promotion-preview'))
      .query({ from, to });
  const promote = (name: string, body: object, key: string) =>
    request(backend.server)
      .post(api(name, '/actions/promote'))
      .set('Idempotency-Key', key)
      .send(body);
  const executionsOf = async (pipelineName: string) =>
    (
      await clients.codePipeline.send(
        new ListPipelineExecutionsCommand({ pipelineName }),
      )
    ).pipelineExecutionSummaries ?? [];

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    for (const name of ['shop', 'vault', 'depot']) {
      await createCluster(clients, `${name}-dev`);
      await createCluster(clients, `${name}-prod`);
    }
    // shop: dev runs abc1234 by digest, prod runs it by tag, staging is behind
    await createRepository(clients, 'shop', { tagged: true });
    digest = await pushImage(clients, 'shop', 'abc1234', ['abc1234', 'dev']);
    stagingDigest = await pushImage(clients, 'shop', 'fed9876', [
      'fed9876',
      'staging',
    ]);
    await createRollingService(
      clients,
      'shop-dev',
      'shop',
      `${repositoryUri('shop')}@${digest}`,
      { tagged: true },
    );
    await createRollingService(
      clients,
      'shop-prod',
      'shop',
      `${repositoryUri('shop')}:abc1234`,
      { tagged: true },
    );
    await createApprovalPipeline(clients, 'shop-staging', 'shop', 'staging', {
      owner: 'shop',
    });
    // vault: the same, with immutable tags
    await createRepository(clients, 'vault', {
      tagged: true,
      mutability: 'IMMUTABLE',
    });
    const vaultDigest = await pushImage(clients, 'vault', 'abc1234', [
      'abc1234',
    ]);
    await pushImage(clients, 'vault', 'fed9876', ['fed9876', 'staging']);
    await createRollingService(
      clients,
      'vault-dev',
      'vault',
      `${repositoryUri('vault')}@${vaultDigest}`,
      { tagged: true },
    );
    await createApprovalPipeline(clients, 'vault-staging', 'vault', 'staging', {
      owner: 'vault',
    });
    ({ backend } = await startActionBackend(sb, entities));
    // depot: dev runs one image; the backend caches reads as configured
    await createRepository(clients, 'depot', { tagged: true });
    depotDigest = await pushImage(clients, 'depot', 'abc1234', ['abc1234']);
    depotNextDigest = await pushImage(clients, 'depot', '5678def', ['5678def']);
    await createRollingService(
      clients,
      'depot-dev',
      'depot',
      `${repositoryUri('depot')}@${depotDigest}`,
      { tagged: true },
    );
    await createApprovalPipeline(clients, 'depot-staging', 'depot', 'staging', {
      owner: 'depot',
    });
    ({ backend: cachedBackend } = await startActionBackend(sb, entities, {
      cached: true,
    }));
  });

  afterAll(async () => {
    await cachedBackend?.stop();
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('previews what promoting dev to staging changes, changing nothing', async () => {
    sb.callLog.reset();
    const res = await preview('shop', 'dev', 'staging');
    expect(res.status).toBe(200);
    const body = res.body as PromotionPreview;
    expect(body).toEqual({
      from: 'dev',
      to: 'staging',
      image: {
        repository: 'shop',
        digest,
        tags: expect.arrayContaining(['abc1234', 'dev']),
        commitId: 'abc1234',
      },
      targetTag: 'staging',
    });
    expect(sb.callLog.count('ecr:PutImage')).toBe(0);
  });

  it('promotes the image dev runs to staging once per key, and staging’s pipeline starts', async () => {
    expect(await executionsOf('shop-staging')).toHaveLength(0);
    sb.callLog.reset();
    const body = { environment: 'staging', from: 'dev', imageDigest: digest };

    const first = await promote('shop', body, 'promote-key-1');
    expect(first.status).toBe(200);
    expect(first.body.message).toBe(
      "Promoted abc1234 from dev to staging: tagged 'staging' in shop",
    );
    expect(first.body.ledgerEntry).toMatchObject({
      action: 'promote',
      environment: 'staging',
      status: 'succeeded',
      awsResource: `${repositoryArn('shop')}:staging`,
    });
    const retry = await promote('shop', body, 'promote-key-1');
    expect(retry.body).toEqual(first.body);
    expect(sb.callLog.count('ecr:PutImage')).toBe(1);

    const { imageDetails } = await clients.ecr.send(
      new DescribeImagesCommand({
        repositoryName: 'shop',
        imageIds: [{ imageTag: 'staging' }],
      }),
    );
    expect(imageDetails![0].imageDigest).toBe(digest);
    const executions = await executionsOf('shop-staging');
    expect(executions).toHaveLength(1);
    expect(executions[0].trigger?.triggerType).toBe('CloudWatchEvent');
    expect(executions[0].status).toBe('InProgress');

    // the tag now points at the image: promoting it again would start nothing
    const again = await promote('shop', body, 'promote-key-2');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(
      "tag 'staging' already points to",
    );
  });

  it('refuses to promote to an environment that already runs the image', async () => {
    const shown = await preview('shop', 'dev', 'prod');
    expect(shown.body).toMatchObject({
      current: { digest },
      blockedReason: `prod already runs ${digest.slice(0, 19)}`,
    });
    sb.callLog.reset();
    const res = await promote(
      'shop',
      { environment: 'prod', from: 'dev', imageDigest: digest },
      'promote-key-3',
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('prod already runs');
    expect(sb.callLog.count('ecr:PutImage')).toBe(0);
  });

  it('refuses when the image moved since the preview', async () => {
    const res = await promote(
      'shop',
      { environment: 'prod', from: 'dev', imageDigest: stagingDigest },
      'promote-key-4',
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/^dev now runs sha256:\w{12}, not/);
  });

  it('refuses, naming the tag, when the target tag is immutable and taken', async () => {
    const shown = await preview('vault', 'dev', 'staging');
    expect(shown.status).toBe(200);
    expect(shown.body.blockedReason).toMatch(
      /^tag 'staging' is immutable in repository vault and already taken by sha256:/,
    );
    sb.callLog.reset();
    const res = await promote(
      'vault',
      {
        environment: 'staging',
        from: 'dev',
        imageDigest: shown.body.image.digest,
      },
      'promote-key-5',
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("tag 'staging' is immutable");
    expect(sb.callLog.count('ecr:PutImage')).toBe(0);
    expect(await executionsOf('vault-staging')).toHaveLength(0);
  });

  it('refuses when dev moved to another image since the preview, though the cache still says otherwise', async () => {
    const shown = await request(cachedBackend.server)
      .get(api('depot', '/promotion-preview'))
      .query({ from: 'dev', to: 'staging' });
    expect(shown.body.image.digest).toBe(depotDigest);
    // dev deploys another image within the cache's lifetime
    const { taskDefinition } = await clients.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'depot-depot-dev',
        containerDefinitions: [
          {
            name: 'app',
            image: `${repositoryUri('depot')}@${depotNextDigest}`,
          },
        ],
      }),
    );
    await clients.ecs.send(
      new UpdateServiceCommand({
        cluster: 'depot-dev',
        service: 'depot',
        taskDefinition: taskDefinition!.taskDefinitionArn,
      }),
    );
    sb.callLog.reset();

    const res = await request(cachedBackend.server)
      .post(api('depot', '/actions/promote'))
      .set('Idempotency-Key', 'promote-moved-1')
      .send({ environment: 'staging', from: 'dev', imageDigest: depotDigest });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `dev now runs ${depotNextDigest.slice(0, 19)}, not ${depotDigest.slice(
        0,
        19,
      )}; look at the promotion again`,
    );
    expect(sb.callLog.count('ecr:PutImage')).toBe(0);
  });
});

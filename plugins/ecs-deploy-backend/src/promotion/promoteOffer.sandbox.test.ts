import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import { EnvironmentOverview } from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import {
  component,
  createCluster,
  serviceArn,
} from '../__testUtils__/sandboxFleet';
import {
  Backend,
  api,
  startActionBackend,
} from '../actions/__testUtils__/actionBackend';
import {
  ActionClients,
  actionClients,
  createRepository,
  createRollingService,
  pushImage,
  repositoryArn,
  repositoryUri,
} from '../actions/__testUtils__/actionFleet';

const services = (name: string) => ({
  'ecs-deploy.io/environments': 'dev,staging',
  'ecs-deploy.io/service-arn.dev': serviceArn(`${name}-dev`, name),
  'ecs-deploy.io/service-arn.staging': serviceArn(`${name}-staging`, name),
});

describe('the promote offer over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let clients: ActionClients;
  let backend: Backend;

  const overviews = async (name: string): Promise<EnvironmentOverview[]> => {
    const res = await request(backend.server).get(api(name, '/environments'));
    expect(res.status).toBe(200);
    return res.body.environments;
  };
  const promoteOf = (env: EnvironmentOverview) =>
    env.offers.find(o => o.action === 'promote');

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = actionClients(sb);
    for (const name of ['shop', 'kiosk']) {
      await createCluster(clients, `${name}-dev`);
      await createCluster(clients, `${name}-staging`);
      await createRepository(clients, name, { tagged: true });
      // dev runs a newer image than staging
      const running = {
        dev: await pushImage(clients, name, 'abc1234', ['abc1234']),
        staging: await pushImage(clients, name, 'fed9876', ['fed9876']),
      };
      for (const [env, digest] of Object.entries(running)) {
        await createRollingService(
          clients,
          `${name}-${env}`,
          name,
          `${repositoryUri(name)}@${digest}`,
          { tagged: true },
        );
      }
    }
    ({ backend } = await startActionBackend(sb, [
      component('shop', {
        ...services('shop'),
        'ecs-deploy.io/ecr-repository-arn': repositoryArn('shop'),
      }),
      // kiosk names a repository for dev only
      component('kiosk', {
        ...services('kiosk'),
        'ecs-deploy.io/ecr-repository-arn.dev': repositoryArn('kiosk'),
      }),
    ]));
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  it('offers promoting each environment but the last to the next, and the offered request is accepted', async () => {
    const [dev, staging] = await overviews('shop');
    expect(promoteOf(dev)).toEqual({
      action: 'promote',
      request: { from: 'dev' },
    });
    expect(promoteOf(staging)).toBeUndefined();

    const preview = await request(backend.server)
      .get(api('shop', '/promotion-preview'))
      .query({ from: 'dev', to: 'staging' });
    const res = await request(backend.server)
      .post(api('shop', '/actions/promote'))
      .set('Idempotency-Key', 'offer-promote-1')
      .send({
        environment: 'staging',
        ...promoteOf(dev)!.request,
        imageDigest: preview.body.image.digest,
      });
    expect(res.status).toBe(200);
  });

  it('says why not when an environment has no repository, as the action refuses', async () => {
    const [dev] = await overviews('kiosk');
    const offer = promoteOf(dev)!;
    expect(offer.unavailableReason).toBe(
      `environment 'staging' has no ECR repository; annotate the entity with ecs-deploy.io/ecr-repository-arn`,
    );
    const res = await request(backend.server)
      .post(api('kiosk', '/actions/promote'))
      .set('Idempotency-Key', 'offer-promote-2')
      .send({
        environment: 'staging',
        ...offer.request,
        imageDigest: `sha256:${'a'.repeat(64)}`,
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `environment: ${offer.unavailableReason}`,
    );
  });
});

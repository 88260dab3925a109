import {
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RunningSandbox,
  advanceSandbox,
  startSandbox,
} from '@ecs-deploy/aws-sandbox';
import {
  EnvironmentTasks,
  HistoryResponse,
  RunningTasksResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import request from 'supertest';
import { ecsDeployPlugin } from '../plugin';
import {
  component,
  createCluster,
  createCodeDeployService,
  createExternalService,
  createNativeService,
  sandboxClients,
  sandboxConfig,
  serviceArn,
} from '../__testUtils__/sandboxFleet';

/*
 * GET …/tasks over HTTP against the sandbox with the real SDK clients: the
 * tasks ECS wants running, their revision, health and deployment (named as
 * the history names it), and what viewers cost AWS: one ListTasks and
 * DescribeTasks per environment per lifetime, however many ask at once.
 */

jest.setTimeout(60_000);

const CLUSTER = 'tasks-prod';
const MINUTE = 60_000;

const entities = [
  component('orders-worker', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'orders-worker'),
  }),
  component('payments-api', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'payments-api'),
  }),
  component('notifications-service', {
    'ecs-deploy.io/service-arn.prod': serviceArn(
      CLUSTER,
      'notifications-service',
    ),
  }),
  component('crowd-api', {
    'ecs-deploy.io/environments': 'staging,prod',
    'ecs-deploy.io/service-arn.staging': serviceArn(CLUSTER, 'gone-service'),
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'crowd-api'),
  }),
];

const api = (name: string, path: string) =>
  `/api/ecs-deploy/entities/component/default/${name}${path}`;

describe('running tasks over HTTP against the AWS sandbox', () => {
  let sb: RunningSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let clients: ReturnType<typeof sandboxClients>;
  let codeDeployId: string;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    clients = sandboxClients(sb);
    await createCluster(clients, CLUSTER);

    const orders = await createNativeService(
      sb,
      clients,
      'orders-worker',
      CLUSTER,
      { strategy: 'ROLLING' },
    );

    const payments = await createCodeDeployService(
      sb,
      clients,
      'payments-api',
      CLUSTER,
    );
    codeDeployId = await payments.deploy('1234abc');
    advanceSandbox(sb, 2 * MINUTE);

    await createExternalService(sb, clients, 'notifications-service', CLUSTER);

    // More tasks than one ListTasks page or DescribeTasks call holds, with a
    // container health check so ECS reports their health.
    const { taskDefinition } = await clients.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'crowd-api',
        containerDefinitions: [
          {
            name: 'app',
            image: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/crowd-api:v1`,
            essential: true,
            healthCheck: { command: ['CMD-SHELL', 'true'] },
          },
        ],
      }),
    );
    await clients.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: 'crowd-api',
        taskDefinition: taskDefinition!.taskDefinitionArn,
        desiredCount: 130,
      }),
    );
    advanceSandbox(sb, 2 * MINUTE);

    // A rolling service caught mid-rollout (the clock moves no more): v1's
    // tasks still run, v2's start.
    await orders.update('2222222');
    sb.world.tick();

    // The default lifetimes: what this test checks is the cache.
    const config = sandboxConfig(sb);
    backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    clients?.destroy();
    await sb?.close();
  });

  async function tasksOf(
    name: string,
    query = '',
  ): Promise<EnvironmentTasks[]> {
    const res = await request(backend.server).get(api(name, `/tasks${query}`));
    expect(res.status).toBe(200);
    return (res.body as RunningTasksResponse).environments;
  }

  async function historyIds(name: string): Promise<string[]> {
    const res = await request(backend.server).get(api(name, '/history'));
    expect(res.status).toBe(200);
    return (res.body as HistoryResponse).items.flatMap(e => [
      e.id,
      ...(e.deployments ?? []).map(d => d.id),
    ]);
  }

  it('shows a rolling deployment’s old and new tasks, each with its revision, state and deployment', async () => {
    const [prod] = await tasksOf('orders-worker', '?environment=prod');
    expect(prod.environment).toBe('prod');
    expect(prod.error).toBeUndefined();
    const byRevision = (revision: number) =>
      prod.tasks.filter(t => t.taskDefinition?.revision === revision);
    const old = byRevision(1);
    const fresh = byRevision(2);
    expect(old).toHaveLength(2);
    expect(fresh).toHaveLength(2);
    for (const t of old) {
      expect(t).toMatchObject({
        taskDefinition: { family: 'orders-worker', revision: 1 },
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        // The fixture's task definition has no container health check.
        healthStatus: 'UNKNOWN',
      });
      expect(Date.parse(t.startedAt!)).not.toBeNaN();
      expect(t.startedBy).toMatch(/^ecs-svc\/\d{19}$/);
    }
    for (const t of fresh) {
      expect(t.lastStatus).not.toBe('RUNNING');
      expect(t.desiredStatus).toBe('RUNNING');
      expect(t.healthStatus).toBe('UNKNOWN');
      expect(t.startedAt).toBeUndefined();
    }

    // Each task names the service deployment that started it, as the
    // history names them: the update for v2, the first one for v1.
    const ids = await historyIds('orders-worker');
    expect(ids).toHaveLength(2);
    const [update, first] = ids;
    expect(update).toMatch(/^ecs:/);
    expect(fresh.map(t => t.deploymentId)).toEqual([update, update]);
    expect(old.map(t => t.deploymentId)).toEqual([first, first]);
  });

  it('names the CodeDeploy deployment of a blue/green’s green tasks and an EXTERNAL service’s task sets', async () => {
    const [payments] = await tasksOf('payments-api');
    const green = payments.tasks.filter(t => t.taskDefinition?.revision === 2);
    expect(green.length).toBeGreaterThan(0);
    for (const t of green) {
      expect(t.deploymentId).toBe(`codedeploy:${codeDeployId}`);
    }

    const [notifications] = await tasksOf('notifications-service');
    const traffic = await request(backend.server).get(
      api('notifications-service', '/traffic'),
    );
    expect(
      (traffic.body as TrafficResponse).environments[0].taskSets,
    ).toHaveLength(2);
    const history = await historyIds('notifications-service');
    const named = new Set(notifications.tasks.map(t => t.deploymentId));
    // Both task sets' tasks, each under its own history entry.
    expect(named.size).toBe(2);
    for (const id of named) expect(history).toContain(id);
  });

  it('reads all pages and reports health; one AWS read serves 20 concurrent viewers and the next ones', async () => {
    sb.callLog.reset();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        tasksOf('crowd-api', '?environment=prod'),
      ),
    );
    // Two ListTasks pages of 100 and 30, two DescribeTasks calls: once.
    expect(sb.callLog.count('ecs:ListTasks')).toBe(2);
    expect(sb.callLog.count('ecs:DescribeTasks')).toBe(2);
    for (const [prod] of answers) {
      expect(prod.tasks).toHaveLength(130);
      expect(new Set(prod.tasks.map(t => t.taskId)).size).toBe(130);
      expect(prod.tasks.every(t => t.healthStatus === 'HEALTHY')).toBe(true);
      expect(prod.tasks.every(t => t.lastStatus === 'RUNNING')).toBe(true);
    }

    // Within the lifetime a settled service's tasks cost AWS nothing more.
    sb.callLog.reset();
    await tasksOf('crowd-api', '?environment=prod');
    await Promise.all(
      Array.from({ length: 20 }, () =>
        tasksOf('crowd-api', '?environment=prod'),
      ),
    );
    expect(sb.callLog.total()).toBe(0);
  });

  it('reports an environment whose service is gone in its place, and refuses an unknown environment', async () => {
    const [staging, prod] = await tasksOf('crowd-api');
    expect(staging).toMatchObject({
      environment: 'staging',
      tasks: [],
      error: { code: 'ResourceNotFound', statusCode: 404 },
    });
    expect(prod.tasks).toHaveLength(130);

    sb.callLog.reset();
    const unknown = await request(backend.server).get(
      api('crowd-api', '/tasks?environment=qa'),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('environment');
    expect(sb.callLog.total()).toBe(0);
  });
});

import {
  ClusterNotFoundException,
  DeleteServiceCommand,
  ListServicesCommand,
  ServiceNotActiveException,
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  ListTagsForResourceCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  ServiceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
  paginateListServices,
  paginateListTasks,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import {
  CreateRepositoryCommand,
  ECRClient,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import { startSandbox, type RunningSandbox } from '../../server';
import { advanceSandbox, sandboxClientConfig } from '../../testUtils';

/*
 * ECS with the ROLLING strategy, clusters, task definitions, tasks and tags,
 * driven through the real SDK client.
 */

describe('ECS (rolling)', () => {
  let sb: RunningSandbox;
  let ecs: ECSClient;

  beforeEach(async () => {
    sb = await startSandbox();
    ecs = new ECSClient(sandboxClientConfig(sb));
    await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  });
  afterEach(async () => {
    ecs.destroy();
    await sb.close();
  });

  async function register(image: string, extra: Record<string, unknown> = {}) {
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'orders',
        containerDefinitions: [
          { name: 'app', image, essential: true, ...extra },
        ],
      }),
    );
    return taskDefinition!.taskDefinitionArn!;
  }

  async function describe1(name = 'orders') {
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: [name] }),
    );
    return services![0];
  }

  it('records the digest an ECR tag resolved to in the service revision, as ECS does', async () => {
    const ecr = new ECRClient(sandboxClientConfig(sb));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'orders' }));
    const pushed = await ecr.send(
      new PutImageCommand({
        repositoryName: 'orders',
        imageTag: 'prod',
        imageManifest: JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          config: { digest: `sha256:${'c'.repeat(64)}`, size: 1 },
          layers: [],
        }),
      }),
    );
    const uri = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/orders';
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'orders',
        taskDefinition: await register(`${uri}:prod`),
        desiredCount: 1,
      }),
    );
    const service = await describe1();
    const revisions = await ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [service.currentServiceRevisions![0].arn!],
      }),
    );
    expect(revisions.serviceRevisions![0].containerImages![0]).toEqual({
      containerName: 'app',
      image: `${uri}:prod`,
      imageDigest: pushed.image!.imageId!.imageDigest,
    });
    ecr.destroy();
  });

  it('registers task definitions with increasing revisions and tags', async () => {
    const first = await register('repo/orders:1');
    const second = await register('repo/orders:2');
    expect(first).toBe(
      'arn:aws:ecs:eu-west-1:111111111111:task-definition/orders:1',
    );
    expect(second).toMatch(/orders:2$/);
    const latest = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'orders' }),
    );
    expect(latest.taskDefinition?.revision).toBe(2);
    expect(latest.taskDefinition?.registeredAt).toBeInstanceOf(Date);
    expect(latest.taskDefinition?.containerDefinitions?.[0].image).toBe(
      'repo/orders:2',
    );
  });

  it('rolls out a new task definition and waits until stable', async () => {
    const v1 = await register('repo/orders:1');
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'orders',
        taskDefinition: v1,
        desiredCount: 2,
        tags: [{ key: 'environment', value: 'dev' }],
      }),
    );
    let service = await describe1();
    expect(service.deploymentConfiguration?.strategy).toBe('ROLLING');
    expect(service.runningCount).toBe(0);
    expect(service.pendingCount).toBe(2);

    advanceSandbox(sb, 70_000);
    service = await describe1();
    expect(service.runningCount).toBe(2);
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0].rolloutState).toBe('COMPLETED');
    await expect(
      waitUntilServicesStable(
        { client: ecs, maxWaitTime: 5, minDelay: 1 },
        { cluster: 'shop', services: ['orders'] },
      ),
    ).resolves.toMatchObject({ state: 'SUCCESS' });

    const v2 = await register('repo/orders:2');
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'shop',
        service: 'orders',
        taskDefinition: v2,
      }),
    );
    service = await describe1();
    expect(service.taskDefinition).toBe(v2);
    expect(service.deployments!.map(d => d.status)).toEqual([
      'PRIMARY',
      'ACTIVE',
    ]);
    // old tasks still serve while new ones start
    expect(service.runningCount).toBe(2);

    advanceSandbox(sb, 70_000);
    service = await describe1();
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0].taskDefinition).toBe(v2);
    expect(service.runningCount).toBe(2);

    const { serviceDeployments } = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'shop', service: 'orders' }),
    );
    expect(serviceDeployments!.map(d => d.status)).toEqual([
      'SUCCESSFUL',
      'SUCCESSFUL',
    ]);
    const detail = await ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [serviceDeployments![0].serviceDeploymentArn!],
      }),
    );
    const latest = detail.serviceDeployments![0];
    expect(latest.finishedAt!.getTime()).toBeGreaterThan(
      latest.startedAt!.getTime(),
    );
    const revisions = await ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [latest.targetServiceRevision!.arn!],
      }),
    );
    expect(revisions.serviceRevisions![0].taskDefinition).toBe(v2);
    expect(revisions.serviceRevisions![0].containerImages![0].image).toBe(
      'repo/orders:2',
    );

    // the replaced tasks are listed as stopped, with a reason
    const stopped = await ecs.send(
      new ListTasksCommand({
        cluster: 'shop',
        serviceName: 'orders',
        desiredStatus: 'STOPPED',
      }),
    );
    expect(stopped.taskArns).toHaveLength(2);
    const { tasks } = await ecs.send(
      new DescribeTasksCommand({ cluster: 'shop', tasks: stopped.taskArns }),
    );
    expect(tasks![0].stoppedReason).toMatch(/Scaling activity initiated/);
    expect(tasks![0].stopCode).toBe('ServiceSchedulerInitiated');
  });

  it('honours minimumHealthyPercent and maximumPercent while rolling', async () => {
    const v1 = await register('repo/orders:1');
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'orders',
        taskDefinition: v1,
        desiredCount: 4,
        deploymentConfiguration: {
          minimumHealthyPercent: 50,
          maximumPercent: 100,
        },
      }),
    );
    advanceSandbox(sb, 70_000);
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'shop',
        service: 'orders',
        taskDefinition: await register('repo/orders:2'),
      }),
    );
    sb.world.tick();
    let service = await describe1();
    // half the old tasks stop at once, leaving room for two new ones
    expect(service.deployments!.map(d => [d.status, d.desiredCount])).toEqual([
      ['PRIMARY', 2],
      ['ACTIVE', 2],
    ]);
    expect(service.runningCount).toBe(2);
    expect(service.pendingCount).toBe(2);

    advanceSandbox(sb, 140_000);
    service = await describe1();
    expect(service.deployments).toHaveLength(1);
    expect(service.runningCount).toBe(4);
  });

  it('records crashing tasks with exit codes and rolls back with the circuit breaker', async () => {
    const v1 = await register('repo/orders:1');
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'orders',
        taskDefinition: v1,
        desiredCount: 1,
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      }),
    );
    advanceSandbox(sb, 70_000);
    const bad = await register('repo/orders:broken-1');
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'shop',
        service: 'orders',
        taskDefinition: bad,
      }),
    );
    advanceSandbox(sb, 5 * 70_000);
    const service = await describe1();
    expect(service.taskDefinition).toBe(v1);
    expect(service.deployments).toHaveLength(1);
    const { serviceDeployments } = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'shop', service: 'orders' }),
    );
    expect(serviceDeployments![0].status).toBe('ROLLBACK_SUCCESSFUL');

    const stopped = await ecs.send(
      new ListTasksCommand({
        cluster: 'shop',
        serviceName: 'orders',
        desiredStatus: 'STOPPED',
      }),
    );
    const { tasks } = await ecs.send(
      new DescribeTasksCommand({ cluster: 'shop', tasks: stopped.taskArns }),
    );
    const crashed = tasks!.filter(
      t => t.stopCode === 'EssentialContainerExited',
    );
    expect(crashed.length).toBeGreaterThanOrEqual(3);
    expect(crashed[0].containers![0].exitCode).toBe(1);
    expect(crashed[0].stoppedReason).toBe('Essential container in task exited');
  });

  it('paginates services and tasks', async () => {
    const v1 = await register('repo/orders:1');
    for (let i = 0; i < 12; i++) {
      await ecs.send(
        new CreateServiceCommand({
          cluster: 'shop',
          serviceName: `svc-${i}`,
          taskDefinition: v1,
          desiredCount: 1,
        }),
      );
    }
    const arns: string[] = [];
    let pages = 0;
    for await (const page of paginateListServices(
      { client: ecs, pageSize: 5 },
      { cluster: 'shop' },
    )) {
      pages += 1;
      arns.push(...(page.serviceArns ?? []));
    }
    expect(pages).toBe(3);
    expect(new Set(arns).size).toBe(12);

    const tasks: string[] = [];
    for await (const page of paginateListTasks(
      { client: ecs, pageSize: 4 },
      { cluster: 'shop' },
    )) {
      tasks.push(...(page.taskArns ?? []));
    }
    expect(tasks).toHaveLength(12);
  });

  it('tags resources', async () => {
    const v1 = await register('repo/orders:1');
    const { service } = await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'orders',
        taskDefinition: v1,
        tags: [{ key: 'environment', value: 'dev' }],
      }),
    );
    await ecs.send(
      new TagResourceCommand({
        resourceArn: service!.serviceArn,
        tags: [
          { key: 'backstage.io/entity', value: 'component:default/orders' },
        ],
      }),
    );
    await ecs.send(
      new UntagResourceCommand({
        resourceArn: service!.serviceArn,
        tagKeys: ['environment'],
      }),
    );
    const { tags } = await ecs.send(
      new ListTagsForResourceCommand({ resourceArn: service!.serviceArn }),
    );
    expect(tags).toEqual([
      { key: 'backstage.io/entity', value: 'component:default/orders' },
    ]);
    const withTags = await ecs.send(
      new DescribeServicesCommand({
        cluster: 'shop',
        services: ['orders'],
        include: ['TAGS'],
      }),
    );
    expect(withTags.services![0].tags).toEqual(tags);
  });

  it('deletes a service, which then is INACTIVE and not updatable', async () => {
    const v1 = await register('repo/orders:1');
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'orders',
        taskDefinition: v1,
        desiredCount: 1,
      }),
    );
    await expect(
      ecs.send(
        new DeleteServiceCommand({ cluster: 'shop', service: 'orders' }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    const { service } = await ecs.send(
      new DeleteServiceCommand({
        cluster: 'shop',
        service: 'orders',
        force: true,
      }),
    );
    expect(service!.status).toBe('DRAINING');
    expect((await describe1()).status).toBe('INACTIVE');
    await expect(
      ecs.send(
        new UpdateServiceCommand({
          cluster: 'shop',
          service: 'orders',
          desiredCount: 2,
        }),
      ),
    ).rejects.toBeInstanceOf(ServiceNotActiveException);
    const { serviceArns } = await ecs.send(
      new ListServicesCommand({ cluster: 'shop' }),
    );
    expect(serviceArns).toEqual([]);
  });

  it('raises the real exception classes', async () => {
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'nope' })),
    ).rejects.toBeInstanceOf(ServiceNotFoundException);
    await expect(
      ecs.send(
        new DescribeServicesCommand({ cluster: 'nope', services: ['x'] }),
      ),
    ).rejects.toBeInstanceOf(ClusterNotFoundException);
    await expect(
      ecs.send(new CreateServiceCommand({ cluster: 'shop' } as any)),
    ).rejects.toThrow(InvalidParameterException);
    const missing = await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['ghost'] }),
    );
    expect(missing.failures).toEqual([
      {
        arn: 'arn:aws:ecs:eu-west-1:111111111111:service/shop/ghost',
        reason: 'MISSING',
      },
    ]);
  });
});

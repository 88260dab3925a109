import {
  Cluster,
  ContinueServiceDeploymentCommand,
  ContinueServiceDeploymentCommandInput,
  CreateServiceCommand,
  CreateTaskSetCommand,
  CreateTaskSetCommandInput,
  DeleteTaskSetCommand,
  DeregisterTaskDefinitionCommand,
  CreateServiceCommandInput,
  DescribeClustersCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeServicesCommandOutput,
  DescribeTaskDefinitionCommand,
  DescribeTaskDefinitionCommandOutput,
  DescribeTasksCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListServiceDeploymentsCommandInput,
  ListTasksCommand,
  ListTasksCommandInput,
  RegisterTaskDefinitionCommand,
  RegisterTaskDefinitionCommandInput,
  Service,
  ServiceDeployment,
  ServiceRevision,
  StopServiceDeploymentCommand,
  StopServiceDeploymentCommandInput,
  Task,
  TaskDefinition,
  TaskSet,
  UpdateServicePrimaryTaskSetCommand,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import { GatewayCallContext, call, chunk, collect, unlessAbsent } from './call';

/*
 * Amazon ECS: every ECS command the suite sends is built here. Lookups that
 * may find nothing answer `undefined`; batch reads split their input by
 * AWS's limits.
 */

/**
 * DescribeServices as AWS answers it: the services found and the failures.
 *
 * @public
 */
export async function describeServices(
  ecs: ECSClient,
  input: { cluster: string; services: string[]; includeTags?: boolean },
  context?: GatewayCallContext,
): Promise<Pick<DescribeServicesCommandOutput, 'services' | 'failures'>> {
  const out = await call('ecs:DescribeServices', context, () =>
    ecs.send(
      new DescribeServicesCommand({
        cluster: input.cluster,
        services: input.services,
        ...(input.includeTags ? { include: ['TAGS'] } : {}),
      }),
    ),
  );
  return { services: out.services, failures: out.failures };
}

/**
 * A service with its tags, unless ECS does not know it or it is INACTIVE (a
 * deleted service's name may be reused).
 *
 * @public
 */
export async function findService(
  ecs: ECSClient,
  input: { cluster: string; service: string },
  context?: GatewayCallContext,
): Promise<Service | undefined> {
  const { services } = await describeServices(
    ecs,
    { cluster: input.cluster, services: [input.service], includeTags: true },
    context,
  );
  const found = services?.[0];
  return found && found.status !== 'INACTIVE' ? found : undefined;
}

/**
 * One task definition (by ARN, `family:revision` or family for the latest).
 *
 * @public
 */
export async function describeTaskDefinition(
  ecs: ECSClient,
  input: { taskDefinition: string; includeTags?: boolean },
  context?: GatewayCallContext,
): Promise<
  Pick<DescribeTaskDefinitionCommandOutput, 'taskDefinition' | 'tags'>
> {
  const out = await call('ecs:DescribeTaskDefinition', context, () =>
    ecs.send(
      new DescribeTaskDefinitionCommand({
        taskDefinition: input.taskDefinition,
        ...(input.includeTags ? { include: ['TAGS'] } : {}),
      }),
    ),
  );
  return { taskDefinition: out.taskDefinition, tags: out.tags };
}

/**
 * The latest ACTIVE revision of a family with its tags, if there is one.
 *
 * @public
 */
export async function findTaskDefinition(
  ecs: ECSClient,
  family: string,
  context?: GatewayCallContext,
): Promise<
  | Pick<DescribeTaskDefinitionCommandOutput, 'taskDefinition' | 'tags'>
  | undefined
> {
  const found = await call(
    'ecs:DescribeTaskDefinition',
    context,
    // ECS answers an unknown family with a ClientException.
    () =>
      unlessAbsent(['ClientException'], () =>
        ecs.send(
          new DescribeTaskDefinitionCommand({
            taskDefinition: family,
            include: ['TAGS'],
          }),
        ),
      ),
  );
  return found?.taskDefinition?.status === 'ACTIVE'
    ? { taskDefinition: found.taskDefinition, tags: found.tags }
    : undefined;
}

/**
 * Registers a new revision of a task definition family.
 *
 * @public
 */
export async function registerTaskDefinition(
  ecs: ECSClient,
  input: RegisterTaskDefinitionCommandInput,
  context?: GatewayCallContext,
): Promise<TaskDefinition> {
  const out = await call('ecs:RegisterTaskDefinition', context, () =>
    ecs.send(new RegisterTaskDefinitionCommand(input)),
  );
  return out.taskDefinition!;
}

/**
 * Creates a service in a cluster.
 *
 * @public
 */
export async function createService(
  ecs: ECSClient,
  input: CreateServiceCommandInput,
  context?: GatewayCallContext,
): Promise<Service> {
  const out = await call('ecs:CreateService', context, () =>
    ecs.send(new CreateServiceCommand(input)),
  );
  return out.service!;
}

/**
 * Clusters by name or ARN; ones ECS does not know are left out.
 *
 * @public
 */
export async function describeClusters(
  ecs: ECSClient,
  clusters: string[],
  context?: GatewayCallContext,
): Promise<Cluster[]> {
  const out = await call('ecs:DescribeClusters', context, () =>
    ecs.send(new DescribeClustersCommand({ clusters })),
  );
  return out.clusters ?? [];
}

/**
 * One page of a service's deployments (ARNs, newest first).
 *
 * @public
 */
export async function listServiceDeployments(
  ecs: ECSClient,
  input: ListServiceDeploymentsCommandInput,
  context?: GatewayCallContext,
): Promise<{ arns: string[]; nextToken?: string }> {
  const out = await call('ecs:ListServiceDeployments', context, () =>
    ecs.send(new ListServiceDeploymentsCommand(input)),
  );
  return {
    arns: (out.serviceDeployments ?? []).flatMap(d =>
      d.serviceDeploymentArn ? [d.serviceDeploymentArn] : [],
    ),
    ...(out.nextToken ? { nextToken: out.nextToken } : {}),
  };
}

/**
 * Service deployments by ARN, 20 per call (AWS's limit), in parallel.
 *
 * @public
 */
export async function describeServiceDeployments(
  ecs: ECSClient,
  arns: string[],
  context?: GatewayCallContext,
): Promise<ServiceDeployment[]> {
  const pages = await Promise.all(
    chunk(arns, 20).map(serviceDeploymentArns =>
      call('ecs:DescribeServiceDeployments', context, () =>
        ecs.send(
          new DescribeServiceDeploymentsCommand({ serviceDeploymentArns }),
        ),
      ),
    ),
  );
  return pages.flatMap(p => p.serviceDeployments ?? []);
}

/**
 * Service revisions by ARN, 20 per call (AWS's limit), in parallel.
 *
 * @public
 */
export async function describeServiceRevisions(
  ecs: ECSClient,
  arns: string[],
  context?: GatewayCallContext,
): Promise<ServiceRevision[]> {
  const pages = await Promise.all(
    chunk(arns, 20).map(serviceRevisionArns =>
      call('ecs:DescribeServiceRevisions', context, () =>
        ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns })),
      ),
    ),
  );
  return pages.flatMap(p => p.serviceRevisions ?? []);
}

/**
 * One page of task ARNs.
 *
 * @public
 */
export async function listTasks(
  ecs: ECSClient,
  input: ListTasksCommandInput,
  context?: GatewayCallContext,
): Promise<string[]> {
  const out = await call('ecs:ListTasks', context, () =>
    ecs.send(new ListTasksCommand(input)),
  );
  return out.taskArns ?? [];
}

/**
 * Every task ARN that matches, page by page (100 a page, AWS's most).
 *
 * @public
 */
export async function listAllTasks(
  ecs: ECSClient,
  input: Omit<ListTasksCommandInput, 'nextToken' | 'maxResults'>,
  context?: GatewayCallContext,
): Promise<string[]> {
  return call('ecs:ListTasks', context, () =>
    collect(
      paginateListTasks({ client: ecs, pageSize: 100 }, input),
      p => p.taskArns,
    ),
  );
}

/**
 * Tasks by ARN, 100 per call (AWS's limit), in parallel.
 *
 * @public
 */
export async function describeTasks(
  ecs: ECSClient,
  input: { cluster: string; tasks: string[] },
  context?: GatewayCallContext,
): Promise<Task[]> {
  const pages = await Promise.all(
    chunk(input.tasks, 100).map(tasks =>
      call('ecs:DescribeTasks', context, () =>
        ecs.send(new DescribeTasksCommand({ cluster: input.cluster, tasks })),
      ),
    ),
  );
  return pages.flatMap(p => p.tasks ?? []);
}

/**
 * Continues, or rolls back, a service deployment paused at a lifecycle hook.
 *
 * @public
 */
export async function continueServiceDeployment(
  ecs: ECSClient,
  input: ContinueServiceDeploymentCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('ecs:ContinueServiceDeployment', context, () =>
    ecs.send(new ContinueServiceDeploymentCommand(input)),
  );
}

/**
 * Stops a service deployment in progress, aborting or rolling back to the
 * previous revision (`stopType`).
 *
 * @public
 */
export async function stopServiceDeployment(
  ecs: ECSClient,
  input: StopServiceDeploymentCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('ecs:StopServiceDeployment', context, () =>
    ecs.send(new StopServiceDeploymentCommand(input)),
  );
}

/**
 * Creates a task set in an EXTERNAL-controller service. AWS answers a repeat
 * with the same `clientToken` with the task set it created.
 *
 * @public
 */
export async function createTaskSet(
  ecs: ECSClient,
  input: CreateTaskSetCommandInput,
  context?: GatewayCallContext,
): Promise<TaskSet> {
  const out = await call('ecs:CreateTaskSet', context, () =>
    ecs.send(new CreateTaskSetCommand(input)),
  );
  return out.taskSet!;
}

/**
 * Makes a task set the primary one of its service.
 *
 * @public
 */
export async function updateServicePrimaryTaskSet(
  ecs: ECSClient,
  input: { cluster: string; service: string; primaryTaskSet: string },
  context?: GatewayCallContext,
): Promise<void> {
  await call('ecs:UpdateServicePrimaryTaskSet', context, () =>
    ecs.send(new UpdateServicePrimaryTaskSetCommand(input)),
  );
}

/**
 * Deletes a task set (its tasks stop), unless it is already gone.
 *
 * @public
 */
export async function deleteTaskSet(
  ecs: ECSClient,
  input: { cluster: string; service: string; taskSet: string },
  context?: GatewayCallContext,
): Promise<'deleted' | 'absent'> {
  const out = await call('ecs:DeleteTaskSet', context, () =>
    unlessAbsent(['TaskSetNotFoundException'], () =>
      ecs.send(new DeleteTaskSetCommand({ ...input, force: true })),
    ),
  );
  return out ? 'deleted' : 'absent';
}

/**
 * Deregisters a task definition revision (tasks running it keep running).
 *
 * @public
 */
export async function deregisterTaskDefinition(
  ecs: ECSClient,
  taskDefinition: string,
  context?: GatewayCallContext,
): Promise<void> {
  await call('ecs:DeregisterTaskDefinition', context, () =>
    ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition })),
  );
}

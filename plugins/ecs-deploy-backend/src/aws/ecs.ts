import {
  CreateTaskSetCommandInput,
  RegisterTaskDefinitionCommandInput,
  ServiceDeployment,
  Task,
  TaskDefinition,
  TaskSet,
  Tag,
} from '@aws-sdk/client-ecs';
import { NotFoundError } from '@backstage/errors';
import { EcsServiceRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  GatewayCallContext,
  ecsGateway,
  withErrorCode,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { serviceAtRest } from './atRest';
import { cacheKeys } from './cacheKeys';
import { mapService } from './mapping/serviceState';
import { RevisionIndex, ServiceState, TaskDefinitionState } from './state';
import { GatewayDeps, Where, withCache } from './withCache';

const where = (svc: EcsServiceRef): Where => ({
  accountId: svc.accountId,
  region: svc.region,
});

/** AWS's batch limit of DescribeServiceRevisions, which is also what one cache entry holds. */
const REVISIONS_PER_CALL = 20;

/** Amazon ECS for the backend, each call with its cache class. */
export function ecsReads({ clients, cache }: GatewayDeps) {
  const ecs = async (w: Where) => (await clients.forResource(w)).ecs;

  /** DescribeServices for one service. Cache: none. */
  const serviceNow = async (svc: EcsServiceRef): Promise<ServiceState> => {
    const out = await ecsGateway.describeServices(
      await ecs(where(svc)),
      { cluster: svc.cluster, services: [svc.serviceName] },
      { resource: svc.arn },
    );
    const service = out.services?.[0];
    if (!service) {
      const reason = out.failures?.[0]?.reason ?? 'MISSING';
      // DescribeServices reports an unknown service as a failure; the other
      // ECS operations throw ServiceNotFoundException for it: one code for both.
      throw withErrorCode(
        new NotFoundError(`ECS service ${svc.arn} not found (${reason})`),
        'ServiceNotFoundException',
      );
    }
    return mapService(service);
  };

  /** DescribeTasks of listed tasks, in AWS's batches of 100. */
  const describeTasks = async (
    svc: EcsServiceRef,
    arns: string[],
  ): Promise<Task[]> =>
    arns.length
      ? ecsGateway.describeTasks(
          await ecs(where(svc)),
          { cluster: svc.cluster, tasks: arns },
          { resource: svc.arn },
        )
      : [];

  // What the portal changed reads fresh, not from the cache (whether or not
  // the call's answer arrived).
  const forgetService = (svc: EcsServiceRef) =>
    cache.forget(cacheKeys.ecsService(svc.arn));

  return {
    serviceNow,

    /** DescribeServices for one service. Cache: idle at rest, else list. */
    service: withCache(
      cache,
      {
        cache: (s: ServiceState) => (serviceAtRest(s) ? 'idle' : 'list'),
        key: (svc: EcsServiceRef) => cacheKeys.ecsService(svc.arn),
      },
      serviceNow,
    ),

    /** The containers of a task definition, which never changes. Cache: finished. */
    taskDefinition: withCache(
      cache,
      {
        cache: 'finished',
        key: (_w: Where, arn: string) => cacheKeys.ecsTaskDefinition(arn),
      },
      async (w: Where, arn: string): Promise<TaskDefinitionState> => {
        const { taskDefinition } = await ecsGateway.describeTaskDefinition(
          await ecs(w),
          { taskDefinition: arn },
          { resource: arn },
        );
        return {
          containers: (taskDefinition?.containerDefinitions ?? []).map(c => ({
            name: c.name ?? '',
            image: c.image ?? '',
          })),
        };
      },
    ),

    /**
     * One page of ListServiceDeployments (ARNs, newest first). It changes
     * only when a deployment starts (their state is read apart). Cache:
     * idle; settled under the `version` of the service's state, which
     * changes with every deployment (aws/serviceVersion.ts).
     */
    serviceDeploymentPage: (
      svc: EcsServiceRef,
      token: string | undefined,
      pageSize: number,
      version?: string,
    ) =>
      cache.get(
        cacheKeys.ecsServiceDeploymentPage(svc.arn, pageSize, token, version),
        async () =>
          ecsGateway.listServiceDeployments(
            await ecs(where(svc)),
            {
              cluster: svc.cluster,
              service: svc.serviceName,
              nextToken: token,
              maxResults: pageSize,
            },
            { resource: svc.arn },
          ),
        version ? 'settled' : 'idle',
      ),

    /** DescribeServiceDeployments. Cache: none (callers cache what they map). */
    async serviceDeployments(
      svc: EcsServiceRef,
      arns: string[],
    ): Promise<ServiceDeployment[]> {
      if (!arns.length) return [];
      return ecsGateway.describeServiceDeployments(
        await ecs(where(svc)),
        arns,
        { resource: svc.arn },
      );
    },

    /** Task definition and images per service revision. Cache: finished (revisions never change). */
    async serviceRevisions(
      svc: EcsServiceRef,
      arns: string[],
    ): Promise<RevisionIndex> {
      const unique = [...new Set(arns)];
      const slices: string[][] = [];
      for (let i = 0; i < unique.length; i += REVISIONS_PER_CALL) {
        slices.push(unique.slice(i, i + REVISIONS_PER_CALL));
      }
      const entries = await Promise.all(
        slices.map(slice =>
          cache.get(
            cacheKeys.ecsServiceRevisions(slice),
            async (): Promise<RevisionIndex> => {
              const revisions = await ecsGateway.describeServiceRevisions(
                await ecs(where(svc)),
                slice,
                { resource: svc.arn },
              );
              return Object.fromEntries(
                revisions.map(r => [
                  r.serviceRevisionArn ?? '',
                  {
                    taskDefinitionArn: r.taskDefinition,
                    images: (r.containerImages ?? []).map(i => ({
                      containerName: i.containerName ?? '',
                      image: i.image ?? '',
                      ...(i.imageDigest ? { digest: i.imageDigest } : {}),
                    })),
                  },
                ]),
              );
            },
            'finished',
          ),
        ),
      );
      return Object.assign({}, ...entries);
    },

    /** The service's stopped tasks (ECS keeps them about an hour), the first 100 listed. Cache: none (the reader caches what it maps). */
    async stoppedTasks(svc: EcsServiceRef): Promise<Task[]> {
      const client = await ecs(where(svc));
      const arns = await ecsGateway.listTasks(
        client,
        {
          cluster: svc.cluster,
          serviceName: svc.serviceName,
          desiredStatus: 'STOPPED',
          maxResults: 100,
        },
        { resource: svc.arn },
      );
      return describeTasks(svc, arns);
    },

    /**
     * Every task ECS wants running for the service (pending ones too), all
     * pages. Cache: none (the reader caches what it maps).
     */
    async runningTasks(svc: EcsServiceRef): Promise<Task[]> {
      const arns = await ecsGateway.listAllTasks(
        await ecs(where(svc)),
        {
          cluster: svc.cluster,
          serviceName: svc.serviceName,
          desiredStatus: 'RUNNING',
        },
        { resource: svc.arn },
      );
      return describeTasks(svc, arns);
    },

    /** Cache: none. */
    async continueServiceDeployment(
      svc: EcsServiceRef,
      input: { serviceDeploymentArn: string; hookId: string },
      context: GatewayCallContext,
    ): Promise<void> {
      await ecsGateway.continueServiceDeployment(
        await ecs(where(svc)),
        { ...input, action: 'CONTINUE' },
        context,
      );
    },

    /** Cache: none. */
    async stopServiceDeployment(
      svc: EcsServiceRef,
      deploymentArn: string,
      context: GatewayCallContext,
    ): Promise<void> {
      await ecsGateway.stopServiceDeployment(
        await ecs(where(svc)),
        { serviceDeploymentArn: deploymentArn, stopType: 'ROLLBACK' },
        context,
      );
    },

    /** The whole task definition with its tags, to register a revision from. Cache: none. */
    async taskDefinitionNow(
      w: Where,
      arn: string,
    ): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] }> {
      const out = await ecsGateway.describeTaskDefinition(
        await ecs(w),
        { taskDefinition: arn, includeTags: true },
        { resource: arn },
      );
      return { taskDefinition: out.taskDefinition!, tags: out.tags ?? [] };
    },

    /** Cache: none. */
    async registerTaskDefinition(
      w: Where,
      input: RegisterTaskDefinitionCommandInput,
      context: GatewayCallContext,
    ): Promise<TaskDefinition> {
      return ecsGateway.registerTaskDefinition(await ecs(w), input, context);
    },

    /** Cache: none. */
    async deregisterTaskDefinition(
      w: Where,
      arn: string,
      context: GatewayCallContext,
    ): Promise<void> {
      await ecsGateway.deregisterTaskDefinition(await ecs(w), arn, context);
    },

    /** Cache: none. */
    async createTaskSet(
      svc: EcsServiceRef,
      input: Omit<CreateTaskSetCommandInput, 'cluster' | 'service'>,
      context: GatewayCallContext,
    ): Promise<TaskSet> {
      try {
        return await ecsGateway.createTaskSet(
          await ecs(where(svc)),
          { ...input, cluster: svc.cluster, service: svc.serviceName },
          context,
        );
      } finally {
        await forgetService(svc);
      }
    },

    /** Cache: none. */
    async updateServicePrimaryTaskSet(
      svc: EcsServiceRef,
      taskSetArn: string,
      context: GatewayCallContext,
    ): Promise<void> {
      try {
        await ecsGateway.updateServicePrimaryTaskSet(
          await ecs(where(svc)),
          {
            cluster: svc.cluster,
            service: svc.serviceName,
            primaryTaskSet: taskSetArn,
          },
          context,
        );
      } finally {
        await forgetService(svc);
      }
    },

    /** Cache: none. */
    async deleteTaskSet(
      svc: EcsServiceRef,
      taskSetArn: string,
      context: GatewayCallContext,
    ): Promise<'deleted' | 'absent'> {
      try {
        return await ecsGateway.deleteTaskSet(
          await ecs(where(svc)),
          {
            cluster: svc.cluster,
            service: svc.serviceName,
            taskSet: taskSetArn,
          },
          context,
        );
      } finally {
        await forgetService(svc);
      }
    },
  };
}

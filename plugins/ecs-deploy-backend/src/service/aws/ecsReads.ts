import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  ServiceDeployment,
  Task,
} from '@aws-sdk/client-ecs';
import { NotFoundError } from '@backstage/errors';
import { EcsServiceRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import { withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import { ServiceState } from '../model';
import { mapService } from '../mapping/ecsService';
import { callAws } from './callAws';
import { ReadContext } from './ReadContext';

/** The ARN of a service deployment of `svc` from its id (ECS's ARN format). */
export function serviceDeploymentArn(svc: EcsServiceRef, id: string): string {
  const partition = svc.arn.split(':')[1] || 'aws';
  return `arn:${partition}:ecs:${svc.region}:${svc.accountId}:service-deployment/${svc.cluster}/${svc.serviceName}/${id}`;
}

const where = (svc: EcsServiceRef) => ({
  accountId: svc.accountId,
  region: svc.region,
});

/** DescribeServices for one service, read now. */
export async function readService(
  ctx: Pick<ReadContext, 'clients'>,
  svc: EcsServiceRef,
): Promise<ServiceState> {
  const { ecs } = await ctx.clients.forResource(where(svc));
  const out = await callAws(
    () =>
      ecs.send(
        new DescribeServicesCommand({
          cluster: svc.cluster,
          services: [svc.serviceName],
        }),
      ),
    { resource: svc.arn, iamAction: 'ecs:DescribeServices' },
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
}

/** DescribeServices for one service, cached briefly. */
export async function describeService(
  ctx: ReadContext,
  svc: EcsServiceRef,
): Promise<ServiceState> {
  return ctx.cache.get(
    `ecs:service:${svc.arn}`,
    () => readService(ctx, svc),
    ctx.ttl.list,
  );
}

/** Family, revision and images of a task definition; immutable, cached long. */
export async function describeTaskDefinition(
  ctx: ReadContext,
  location: { accountId: string; region: string },
  taskDefinitionArn: string,
): Promise<{ containers: Array<{ name: string; image: string }> }> {
  return ctx.cache.get(
    `ecs:taskdef:${taskDefinitionArn}`,
    async () => {
      const { ecs } = await ctx.clients.forResource(location);
      const out = await callAws(
        () =>
          ecs.send(
            new DescribeTaskDefinitionCommand({
              taskDefinition: taskDefinitionArn,
            }),
          ),
        { resource: taskDefinitionArn },
      );
      return {
        containers: (out.taskDefinition?.containerDefinitions ?? []).map(c => ({
          name: c.name ?? '',
          image: c.image ?? '',
        })),
      };
    },
    ctx.ttl.finished,
  );
}

/** One page of ListServiceDeployments (ARNs, newest first). */
export async function listServiceDeployments(
  ctx: ReadContext,
  svc: EcsServiceRef,
  token: string | undefined,
  pageSize: number,
): Promise<{ arns: string[]; nextToken?: string }> {
  return ctx.cache.get(
    `ecs:servicedeployments:${svc.arn}:${pageSize}:${token ?? ''}`,
    async () => {
      const { ecs } = await ctx.clients.forResource(where(svc));
      const out = await callAws(
        () =>
          ecs.send(
            new ListServiceDeploymentsCommand({
              cluster: svc.cluster,
              service: svc.serviceName,
              nextToken: token,
              maxResults: pageSize,
            }),
          ),
        { resource: svc.arn },
      );
      return {
        arns: (out.serviceDeployments ?? [])
          .map(d => d.serviceDeploymentArn)
          .filter((a): a is string => !!a),
        ...(out.nextToken ? { nextToken: out.nextToken } : {}),
      };
    },
    ctx.ttl.list,
  );
}

/** DescribeServiceDeployments, chunked by AWS's limit of 20. Not cached: callers cache mapped results. */
export async function describeServiceDeployments(
  ctx: ReadContext,
  svc: EcsServiceRef,
  arns: string[],
): Promise<ServiceDeployment[]> {
  if (!arns.length) return [];
  const { ecs } = await ctx.clients.forResource(where(svc));
  const chunks = chunk(arns, 20);
  const results = await Promise.all(
    chunks.map(c =>
      callAws(
        () =>
          ecs.send(
            new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: c }),
          ),
        { resource: svc.arn },
      ),
    ),
  );
  return results.flatMap(r => r.serviceDeployments ?? []);
}

/** Task definition and images per service revision ARN (immutable, cached long). */
export async function describeServiceRevisions(
  ctx: ReadContext,
  svc: EcsServiceRef,
  arns: string[],
): Promise<
  Record<
    string,
    {
      taskDefinitionArn?: string;
      images: Array<{ containerName: string; image: string; digest?: string }>;
    }
  >
> {
  const unique = [...new Set(arns)];
  const entries = await Promise.all(
    chunk(unique, 20).map(c =>
      ctx.cache.get(
        `ecs:revisions:${c.join(',')}`,
        async () => {
          const { ecs } = await ctx.clients.forResource(where(svc));
          const out = await callAws(
            () =>
              ecs.send(
                new DescribeServiceRevisionsCommand({
                  serviceRevisionArns: c,
                }),
              ),
            { resource: svc.arn },
          );
          return Object.fromEntries(
            (out.serviceRevisions ?? []).map(r => [
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
        ctx.ttl.finished,
      ),
    ),
  );
  return Object.assign({}, ...entries);
}

/** Stopped tasks of a service (ECS keeps them for about an hour). */
export async function listStoppedTasks(
  ctx: ReadContext,
  svc: EcsServiceRef,
): Promise<Task[]> {
  const { ecs } = await ctx.clients.forResource(where(svc));
  const list = await callAws(
    () =>
      ecs.send(
        new ListTasksCommand({
          cluster: svc.cluster,
          serviceName: svc.serviceName,
          desiredStatus: 'STOPPED',
          maxResults: 100,
        }),
      ),
    { resource: svc.arn },
  );
  const arns = list.taskArns ?? [];
  if (!arns.length) return [];
  const described = await Promise.all(
    chunk(arns, 100).map(c =>
      callAws(
        () =>
          ecs.send(
            new DescribeTasksCommand({ cluster: svc.cluster, tasks: c }),
          ),
        { resource: svc.arn },
      ),
    ),
  );
  return described.flatMap(d => d.tasks ?? []);
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

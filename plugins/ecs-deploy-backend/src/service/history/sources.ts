import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ReadContext } from '../aws/ReadContext';
import { batchGetDeployments, listDeploymentIds } from '../aws/codeDeployReads';
import {
  describeServiceDeployments,
  describeServiceRevisions,
  listServiceDeployments,
} from '../aws/ecsReads';
import {
  getPipelineWaitState,
  listPipelineExecutions,
} from '../aws/pipelineReads';
import { cachedBatch } from '../cachedBatch';
import {
  codeDeploySummary,
  ecsSummary,
  pipelineSummary,
  taskSetSummary,
} from '../mapping/summaries';
import { ResolvedEnvironment, ServiceState } from '../model';
import { HistorySource } from './HistorySource';

/** Page size asked of AWS list calls. */
export const LIST_PAGE_SIZE = 20;

export function codeDeploySource(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  group: { application: string; deploymentGroup: string },
): HistorySource {
  const location = { accountId: env.accountId, region: env.region };
  return {
    key: `${env.name}:codedeploy`,
    list: token => listDeploymentIds(ctx, location, group, token),
    describe: (_token, ids) =>
      cachedBatch(
        ctx,
        `codedeploy:summary:${env.accountId}:${env.name}`,
        ids,
        async missing => {
          const infos = await batchGetDeployments(ctx, location, missing);
          return new Map(
            infos.map(i => [
              i.deploymentId ?? '',
              codeDeploySummary(env.name, i),
            ]),
          );
        },
      ),
  };
}

export function ecsSource(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  controller: 'ECS' | 'EXTERNAL',
): HistorySource {
  const service = env.service!;
  return {
    key: `${env.name}:ecs`,
    list: async token => {
      const page = await listServiceDeployments(
        ctx,
        service,
        token,
        LIST_PAGE_SIZE,
      );
      return { ids: page.arns, nextToken: page.nextToken };
    },
    describe: (_token, arns) =>
      cachedBatch(ctx, `ecs:summary:${env.name}`, arns, async missing => {
        const deployments = await describeServiceDeployments(
          ctx,
          service,
          missing,
        );
        const revisionArns = deployments.flatMap(d => [
          ...(d.targetServiceRevision?.arn
            ? [d.targetServiceRevision.arn]
            : []),
          ...(d.sourceServiceRevisions ?? []).flatMap(r =>
            r.arn ? [r.arn] : [],
          ),
        ]);
        const revisions = revisionArns.length
          ? await describeServiceRevisions(ctx, service, revisionArns)
          : {};
        return new Map(
          deployments.map(d => [
            d.serviceDeploymentArn ?? '',
            ecsSummary(env.name, d, controller, revisions),
          ]),
        );
      }),
  };
}

export function pipelineSource(
  ctx: ReadContext,
  env: ResolvedEnvironment,
): HistorySource {
  const pipeline = env.pipeline!;
  // Executions come complete from the list call, so a page is mapped once
  // and cached; describe slices it.
  const page = (token: string | undefined) =>
    ctx.cache.get(
      `codepipeline:page:${pipeline.arn}:${env.name}:${token ?? ''}`,
      async () => {
        const out = await listPipelineExecutions(
          ctx,
          pipeline,
          token,
          LIST_PAGE_SIZE,
        );
        const inProgress = out.executions.some(e => e.status === 'InProgress');
        const waiting = inProgress
          ? await getPipelineWaitState(ctx, pipeline)
          : { waitingExecutionIds: [] as string[] };
        const items: DeploymentSummary[] = out.executions.map(e =>
          pipelineSummary(
            env.name,
            pipeline.name,
            e,
            waiting.waitingExecutionIds.includes(e.pipelineExecutionId ?? ''),
          ),
        );
        return {
          items,
          ...(out.nextToken ? { nextToken: out.nextToken } : {}),
        };
      },
      ctx.ttl.list,
    );
  return {
    key: `${env.name}:pipeline`,
    list: async token => {
      const p = await page(token);
      return {
        ids: p.items.map(i => i.id),
        nextToken: p.nextToken,
      };
    },
    describe: async (token, ids) => {
      const p = await page(token);
      const wanted = new Set(ids);
      return p.items.filter(i => wanted.has(i.id));
    },
  };
}

/** The task sets of an EXTERNAL service (one page, from the service state). */
export function taskSetSource(
  env: ResolvedEnvironment,
  service: ServiceState,
): HistorySource {
  const summaries = service.taskSets
    .map(ts => taskSetSummary(env.name, ts))
    .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  const byId = new Map(summaries.map(s => [s.id, s]));
  return {
    key: `${env.name}:tasksets`,
    list: async () => ({ ids: summaries.map(s => s.id) }),
    describe: async (_token, ids) => ids.flatMap(id => byId.get(id) ?? []),
  };
}

import {
  DeploymentSummary,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
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
import { prefetchLinks } from './linkPipelines';
import { pipelineActionIndex } from './pipelineActionIndex';

/**
 * Page size asked of AWS list calls: the most they allow, so a history page
 * (25, or 100 for the delivery metrics) rarely needs a second list call in
 * sequence. Cursors hold tokens of this size: keep it fixed.
 */
export const LIST_PAGE_SIZE = 100;

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

/**
 * One page of an environment's pipeline executions, mapped. Executions come
 * complete from the list call, so the mapped page is what is cached: briefly
 * while an execution runs (its approval state moves), else as a list.
 */
export function pipelinePage(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  token: string | undefined,
): Promise<{ items: DeploymentSummary[]; nextToken?: string }> {
  const pipeline = env.pipeline!;
  return ctx.cache.get(
    `codepipeline:page:${pipeline.arn}:${env.name}:${token ?? ''}`,
    async () => {
      // The links of these executions will be asked for next: start the
      // action list (one call, usually cached) alongside this one.
      pipelineActionIndex(ctx, pipeline).catch(() => undefined);
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
    page =>
      page.items.some(i => isActiveStatus(i.status))
        ? ctx.ttl.active
        : ctx.ttl.list,
  );
}

export function pipelineSource(
  ctx: ReadContext,
  env: ResolvedEnvironment,
): HistorySource {
  const pipeline = env.pipeline!;
  const page = (token: string | undefined) => pipelinePage(ctx, env, token);
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
      const items = p.items.filter(i => wanted.has(i.id));
      prefetchLinks(ctx, pipeline, items);
      return items;
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

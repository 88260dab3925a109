import {
  DeploymentSummary,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../../aws/cacheKeys';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { HistorySource, LIST_PAGE_SIZE } from '../../history/HistorySource';
import { ReadContext } from '../../reads/ReadContext';
import { pipelineActionIndex, stageRunsOf } from './actionIndex';
import {
  deploymentsOfExecutions,
  executionsOfDeployments,
  prefetchLinks,
} from './links';
import { pipelineSummary } from './summary';

/** A page of an environment's pipeline executions, mapped. */
export interface PipelinePage {
  items: DeploymentSummary[];
  nextToken?: string;
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
): Promise<PipelinePage> {
  const pipeline = env.pipeline!;
  return ctx.cache.get(
    cacheKeys.pipelinePage(pipeline.arn, env.name, token),
    async () => {
      // The links of these executions will be asked for next: start the
      // action list (one call, usually cached) alongside this one.
      const indexRead = pipelineActionIndex(ctx, pipeline).catch(
        () => undefined,
      );
      const out = await ctx.aws.codePipeline.executionPage(
        pipeline,
        token,
        LIST_PAGE_SIZE,
      );
      const inProgress = out.executions.some(e => e.status === 'InProgress');
      const state = inProgress
        ? await ctx.aws.codePipeline.waitState(pipeline)
        : undefined;
      // Which stage a failed execution could retry: from the state when it
      // was read, else from the action list.
      const failed = out.executions.some(e => e.status === 'Failed');
      const index = !state && failed ? await indexRead : undefined;
      const stageRuns = state?.stageRuns ?? (index && stageRunsOf(index));
      const items: DeploymentSummary[] = out.executions.map(e =>
        pipelineSummary(
          env.name,
          pipeline.name,
          e,
          !!state?.waitingExecutionIds.includes(e.pipelineExecutionId ?? ''),
          stageRuns,
        ),
      );
      return {
        items,
        ...(out.nextToken ? { nextToken: out.nextToken } : {}),
      };
    },
    page =>
      page.items.some(i => isActiveStatus(i.status)) ? 'active' : 'idle',
  );
}

/**
 * The environment's pipeline executions, newest first, each holding the
 * deployments it started (see `HoldingStream`).
 */
export function pipelineSource(
  ctx: ReadContext,
  env: ResolvedEnvironment,
): HistorySource {
  const pipeline = env.pipeline!;
  const page = (token: string | undefined) => pipelinePage(ctx, env, token);
  return {
    key: `${env.name}:pipeline`,
    environment: env.name,
    // An execution and the deployments it started are one release.
    holds: {
      heldBy: items => deploymentsOfExecutions(ctx, pipeline, items),
      holderOf: items => executionsOfDeployments(ctx, pipeline, items),
    },
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

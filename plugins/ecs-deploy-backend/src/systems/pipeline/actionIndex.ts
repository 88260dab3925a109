import { ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import { PipelineRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../../aws/cacheKeys';
import { StageRun } from '../../aws/state';
import { ReadContext } from '../../reads/ReadContext';
import { deploymentIdOfAction } from './deploymentIdOfAction';
import { stageStatusOf } from './stages';

/**
 * What a pipeline's action executions read so far say: which deployments
 * each execution started. Plain JSON, so it caches cheaply.
 */
export interface PipelineActionIndex {
  /** History ids of the deployments started, by pipeline execution id. */
  byExecution: Record<string, string[]>;
  /** Executions with an action still in progress. */
  moving: string[];
  /** Execution ids in the order listed (newest first). */
  order: string[];
  /** Where the listing goes on; absent when every action was read. */
  nextToken?: string;
  /** Start (ms) of the oldest and the newest action read. */
  oldestStart?: number;
  newestStart?: number;
  /** Actions read. */
  actions: number;
  /**
   * The latest run of each stage among the actions read: the execution of
   * its newest action, with the latest status of each of that execution's
   * actions in the stage (a retried action ran more than once).
   */
  stages: Record<
    string,
    { executionId: string; actions: Record<string, string> }
  >;
}

/** The latest run of each stage, as far as the index has read. */
export function stageRunsOf(
  index: PipelineActionIndex,
): Record<string, StageRun> {
  return Object.fromEntries(
    Object.entries(index.stages ?? {}).map(([stage, run]) => [
      stage,
      {
        executionId: run.executionId,
        status: stageStatusOf(Object.values(run.actions)),
      },
    ]),
  );
}

/**
 * Most list pages (100 actions each, read one after the other) a request
 * may add to the index. Executions further back are asked for one by one,
 * in parallel: a deep page should not wait on a long sequence of pages.
 */
const MAX_EXTRA_PAGES = 2;

const EMPTY: PipelineActionIndex = {
  byExecution: {},
  moving: [],
  order: [],
  actions: 0,
  stages: {},
};

function add(
  index: PipelineActionIndex,
  page: { actions: ActionExecutionDetail[]; nextToken?: string },
): PipelineActionIndex {
  const byExecution = { ...index.byExecution };
  const order = [...index.order];
  const moving = new Set(index.moving);
  const stages = { ...(index.stages ?? {}) };
  let oldestStart = index.oldestStart;
  let newestStart = index.newestStart;
  for (const action of page.actions) {
    const id = action.pipelineExecutionId ?? '';
    if (!byExecution[id]) {
      byExecution[id] = [];
      order.push(id);
    }
    const deploymentId = deploymentIdOfAction(action);
    if (deploymentId && !byExecution[id].includes(deploymentId)) {
      byExecution[id] = [...byExecution[id], deploymentId];
    }
    if (action.status === 'InProgress') moving.add(id);
    const stage = action.stageName ?? '';
    // Newest first: the first execution seen in a stage is its latest run.
    stages[stage] ??= { executionId: id, actions: {} };
    if (stages[stage].executionId === id) {
      const name = action.actionName ?? '';
      if (stages[stage].actions[name] === undefined) {
        stages[stage] = {
          ...stages[stage],
          actions: { ...stages[stage].actions, [name]: action.status ?? '' },
        };
      }
    }
    const start = action.startTime?.getTime();
    if (start !== undefined) {
      oldestStart = Math.min(oldestStart ?? start, start);
      newestStart = Math.max(newestStart ?? start, start);
    }
  }
  return {
    byExecution,
    moving: [...moving],
    order,
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    ...(oldestStart !== undefined ? { oldestStart } : {}),
    ...(newestStart !== undefined ? { newestStart } : {}),
    actions: index.actions + page.actions.length,
    stages,
  };
}

/**
 * How many more list pages would reach back to `since` (ms), at the pace
 * the actions read so far came in. Unknown pace: one page.
 */
export function pagesToReach(
  index: PipelineActionIndex,
  since: number,
): number {
  if (!index.nextToken || index.oldestStart === undefined) return 0;
  if (since > index.oldestStart) return 0;
  const span = (index.newestStart ?? index.oldestStart) - index.oldestStart;
  if (span <= 0 || index.actions < 2) return 1;
  const perMs = index.actions / span;
  return Math.max(1, Math.ceil(((index.oldestStart - since) * perMs) / 100));
}

/**
 * Whether the index holds every action of the execution: all were read, or
 * the execution is not the last one listed (its actions may go on in the
 * next page), or it has none read and started after the oldest action read.
 */
export function covers(
  index: PipelineActionIndex,
  executionId: string,
  startedAt: string | undefined,
): boolean {
  if (!index.nextToken) return true;
  if (index.byExecution[executionId]) {
    return index.order[index.order.length - 1] !== executionId;
  }
  const start = startedAt ? Date.parse(startedAt) : NaN;
  return index.oldestStart !== undefined && start > index.oldestStart;
}

/**
 * The deployments a pipeline's executions started, from its action
 * executions newest first, read far enough back to
 * cover the executions asked for (up to a few pages per request). One list
 * call answers for some 25-50 executions, where asking per execution costs
 * one call each. Cached as one entry so its pages stay consistent.
 */
export async function pipelineActionIndex(
  ctx: ReadContext,
  pipeline: PipelineRef,
  wanted: Array<{ executionId: string; startedAt?: string }> = [],
  reach: {
    /** Also read back to actions started at this time (ms). */
    since?: number;
    /** Most list pages to add (default `MAX_EXTRA_PAGES`). */
    maxExtraPages?: number;
  } = {},
): Promise<PipelineActionIndex> {
  const key = cacheKeys.pipelineActionIndex(pipeline.arn);
  const cacheClass = (i: PipelineActionIndex) =>
    i.moving.length ? 'active' : 'list';
  let index = await ctx.cache.get(
    key,
    async () =>
      add(
        EMPTY,
        await ctx.aws.codePipeline.recentActionPage(pipeline, undefined),
      ),
    cacheClass,
  );
  const maxPages = reach.maxExtraPages ?? MAX_EXTRA_PAGES;
  const short = () =>
    reach.since !== undefined &&
    !!index.nextToken &&
    (index.oldestStart === undefined || index.oldestStart >= reach.since);
  const uncovered = () =>
    wanted.filter(w => !covers(index, w.executionId, w.startedAt));
  const missing = uncovered();
  if (!missing.length && !short()) return index;
  const oldestWanted = Math.min(
    ...missing.map(w => (w.startedAt ? Date.parse(w.startedAt) : 0)),
    ...(short() ? [reach.since!] : []),
  );
  if (pagesToReach(index, oldestWanted) > maxPages) return index;
  return ctx.cache.coalesce(
    cacheKeys.pipelineActionIndexExtension(pipeline.arn),
    async () => {
      for (
        let pages = 0;
        pages < maxPages && (uncovered().length || short());
        pages++
      ) {
        index = add(
          index,
          await ctx.aws.codePipeline.recentActionPage(
            pipeline,
            index.nextToken,
          ),
        );
      }
      await ctx.cache.put(key, index, cacheClass(index));
      return index;
    },
  );
}

import { ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import { randomUUID } from 'node:crypto';
import { PipelineRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../../aws/cacheKeys';
import { StageRun } from '../../aws/state';
import { ReadContext } from '../../reads/ReadContext';
import { deploymentIdOfAction } from './deploymentIdOfAction';
import { stageStatusOf } from './stages';

/** The latest run of one stage among the actions read. */
interface StageRunSeen {
  executionId: string;
  actions: Record<string, string>;
}

/** What the actions read so far say, besides which deployments each execution started. */
export interface ActionIndexState {
  /** Executions with an action still in progress. */
  moving: string[];
  /** The execution of the last action read: its actions may go on in the next page. */
  last?: string;
  /** Where the listing goes on; absent when every action was read. */
  nextToken?: string;
  /** Start (ms) of the oldest and the newest action read. */
  oldestStart?: number;
  newestStart?: number;
  /** Actions read. */
  actions: number;
  /** When the first page was read, on AWS's clock (ms). */
  readAt?: number;
  /**
   * The latest run of each stage among the actions read: the execution of
   * its newest action, with the latest status of each of that execution's
   * actions in the stage (a retried action ran more than once).
   */
  stages: Record<string, StageRunSeen>;
}

/** History ids of the deployments started, by pipeline execution id. */
type ExecutionLinks = Record<string, string[]>;

/**
 * What is cached under the pipeline's key: the state and the links of the
 * first page. Pages read later are cached once each, as parts of their own
 * (`chain` and their number name them), so reading further back writes what
 * it read and a few numbers, never the whole index again.
 */
interface StoredIndex extends ActionIndexState {
  byExecution: ExecutionLinks;
  chain?: string;
  parts?: number;
}

/**
 * What a pipeline's action executions read so far say: which deployments
 * each execution started, in parts (the first page's, then each later
 * read's). Plain JSON, so it caches cheaply.
 */
export interface PipelineActionIndex extends ActionIndexState {
  parts: ReadonlyArray<ExecutionLinks>;
  /** Names the cached parts after the first; absent while there are none. */
  chain?: string;
}

const has = (links: ExecutionLinks, executionId: string) =>
  Object.prototype.hasOwnProperty.call(links, executionId);

/** Whether any action of the execution was read. */
function listed(index: PipelineActionIndex, executionId: string): boolean {
  return index.parts.some(part => has(part, executionId));
}

/** The deployments an execution started, as far as the index has read. */
export function deploymentsOfExecution(
  index: PipelineActionIndex,
  executionId: string,
): string[] {
  const ids = index.parts.flatMap(part =>
    has(part, executionId) ? part[executionId] : [],
  );
  return [...new Set(ids)];
}

/** Each part's links the other way round, made once per part. */
const executionByDeployment = new WeakMap<
  ExecutionLinks,
  Map<string, string>
>();

/** The execution that started a deployment, if the index has read it. */
export function executionOfDeployment(
  index: PipelineActionIndex,
  deploymentId: string,
): string | undefined {
  for (const part of index.parts) {
    let reverse = executionByDeployment.get(part);
    if (!reverse) {
      reverse = new Map();
      for (const [executionId, ids] of Object.entries(part)) {
        for (const id of ids) reverse.set(id, executionId);
      }
      executionByDeployment.set(part, reverse);
    }
    const executionId = reverse.get(deploymentId);
    if (executionId !== undefined) return executionId;
  }
  return undefined;
}

/** The latest run of each stage, as far as the index has read. */
export function stageRunsOf(
  index: Pick<ActionIndexState, 'stages'>,
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

const EMPTY: ActionIndexState = { moving: [], actions: 0, stages: {} };

/**
 * Adds a page of actions: their links go into `links` (the part being
 * read, changed in place), the rest makes the returned state. Costs the
 * page, not the index read so far.
 */
function addPage(
  state: ActionIndexState,
  links: ExecutionLinks,
  page: { actions: ActionExecutionDetail[]; nextToken?: string },
): ActionIndexState {
  const moving = new Set(state.moving);
  const stages = { ...state.stages };
  let { oldestStart, newestStart, last } = state;
  for (const action of page.actions) {
    const id = action.pipelineExecutionId ?? '';
    const ids = has(links, id) ? links[id] : (links[id] = []);
    last = id;
    const deploymentId = deploymentIdOfAction(action);
    if (deploymentId && !ids.includes(deploymentId)) ids.push(deploymentId);
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
    moving: [...moving],
    ...(last !== undefined ? { last } : {}),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    ...(oldestStart !== undefined ? { oldestStart } : {}),
    ...(newestStart !== undefined ? { newestStart } : {}),
    actions: state.actions + page.actions.length,
    stages,
    // A later page keeps the time its head's first page was read.
    ...(state.readAt !== undefined ? { readAt: state.readAt } : {}),
  };
}

function stateOf(index: ActionIndexState): ActionIndexState {
  const {
    moving,
    last,
    nextToken,
    oldestStart,
    newestStart,
    actions,
    stages,
    readAt,
  } = index;
  return {
    moving,
    ...(last !== undefined ? { last } : {}),
    ...(nextToken ? { nextToken } : {}),
    ...(oldestStart !== undefined ? { oldestStart } : {}),
    ...(newestStart !== undefined ? { newestStart } : {}),
    actions,
    stages,
    ...(readAt !== undefined ? { readAt } : {}),
  };
}

/**
 * How many more list pages would reach back to `since` (ms), at the pace
 * the actions read so far came in. Unknown pace: one page.
 */
export function pagesToReach(index: ActionIndexState, since: number): number {
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
  if (listed(index, executionId)) return index.last !== executionId;
  const start = startedAt ? Date.parse(startedAt) : NaN;
  return index.oldestStart !== undefined && start > index.oldestStart;
}

/*
 * A head with nothing in progress changes when the pipeline starts again,
 * like the pipeline's state at rest: idle. A read for an execution the head
 * was read before (the pipeline started since) reads it again
 * (`readBefore`).
 */
const cacheClassOf = (index: ActionIndexState) =>
  index.moving.length ? 'active' : 'idle';

/** The header's whole seconds, and AWS's clock as the backend tells it. */
const CLOCK_MARGIN_MS = 2_000;

/** Whether the head was read before the execution started, and does not list it. */
function readBefore(
  index: PipelineActionIndex,
  wanted: { executionId: string; startedAt?: string },
): boolean {
  if (index.readAt === undefined || !wanted.startedAt) return false;
  if (listed(index, wanted.executionId)) return false;
  return Date.parse(wanted.startedAt) > index.readAt - CLOCK_MARGIN_MS;
}

/** Most executions a head carried along a chain may link (a page has up to 100 actions). */
const MAX_HEAD_EXECUTIONS = 200;

/** Whether a first page read now reaches back to the newest action `previous` read. */
function reachesBack(page: ActionIndexState, previous: StoredIndex): boolean {
  if (!page.nextToken) return true;
  return (
    page.oldestStart !== undefined &&
    previous.newestStart !== undefined &&
    page.oldestStart <= previous.newestStart
  );
}

/**
 * The head made from a first page read again. When the head it replaces
 * named later parts and the page reaches back to what that head read, the
 * chain stays: the page's links join the old first page's, and the listing
 * goes on where the chain ends. Otherwise every page behind the head would
 * be read again after each refresh (the metrics card's pages, at every look
 * of the watcher). A listing shifted by new actions repeats a few actions
 * at the chain's end, never skips one; repeats add nothing.
 */
function headOf(
  page: { actions: ActionExecutionDetail[]; nextToken?: string },
  previous?: StoredIndex,
): StoredIndex {
  const byExecution: ExecutionLinks = {};
  const state = addPage(EMPTY, byExecution, page);
  if (!previous?.chain || !previous.parts || !reachesBack(state, previous)) {
    return { ...state, byExecution };
  }
  const links: ExecutionLinks = { ...previous.byExecution };
  for (const [id, ids] of Object.entries(byExecution)) {
    links[id] = [...new Set([...(has(links, id) ? links[id] : []), ...ids])];
  }
  // The head grows by each new execution while its chain lasts: past a
  // bound it starts over, as small as one page.
  if (Object.keys(links).length > MAX_HEAD_EXECUTIONS) {
    return { ...state, byExecution };
  }
  const newer = page.actions.filter(
    a => (a.startTime?.getTime() ?? 0) > (previous.newestStart ?? Infinity),
  ).length;
  return {
    moving: state.moving,
    ...(previous.last !== undefined ? { last: previous.last } : {}),
    ...(previous.nextToken ? { nextToken: previous.nextToken } : {}),
    ...(previous.oldestStart !== undefined
      ? { oldestStart: previous.oldestStart }
      : {}),
    ...(state.newestStart !== undefined
      ? { newestStart: state.newestStart }
      : {}),
    actions: previous.actions + newer,
    stages: { ...previous.stages, ...state.stages },
    byExecution: links,
    chain: previous.chain,
    parts: previous.parts,
  };
}

/** How long the parts of a chain, and the copy of the head naming them, are kept. */
const partLifetime = (ctx: ReadContext, head: ActionIndexState) =>
  Math.max(
    ctx.cache.lifetimeOf(cacheClassOf(head)),
    ctx.cache.lifetimeOf('resolution'),
  );

/**
 * Keeps a copy of a head that names parts as long as they live: a head read
 * again after it expired still finds the chain it continues.
 */
async function keepCopy(
  ctx: ReadContext,
  pipeline: PipelineRef,
  head: StoredIndex,
): Promise<void> {
  if (!head.chain) return;
  await ctx.cache.putFor(
    cacheKeys.pipelineActionIndexKept(pipeline.arn),
    head,
    partLifetime(ctx, head),
  );
}

/** Writes a head, and its copy when it names parts. */
async function putHead(
  ctx: ReadContext,
  pipeline: PipelineRef,
  head: StoredIndex,
): Promise<void> {
  await ctx.cache.put(
    cacheKeys.pipelineActionIndex(pipeline.arn),
    head,
    cacheClassOf(head),
  );
  await keepCopy(ctx, pipeline, head);
}

const views = new WeakMap<StoredIndex, PipelineActionIndex>();

/**
 * The index as cached: its first part, and the later parts it names. A
 * later part the cache no longer has (evicted) makes the rest unknown: the
 * index starts over from the first page.
 */
async function cachedIndex(
  ctx: ReadContext,
  pipeline: PipelineRef,
): Promise<PipelineActionIndex> {
  const key = cacheKeys.pipelineActionIndex(pipeline.arn);
  const keptKey = cacheKeys.pipelineActionIndexKept(pipeline.arn);
  const firstPage = async (previous?: StoredIndex): Promise<StoredIndex> => {
    const readAt = ctx.aws.now().getTime();
    return {
      ...headOf(
        await ctx.aws.codePipeline.recentActionPage(pipeline, undefined),
        previous,
      ),
      readAt,
    };
  };
  const refreshed = async (): Promise<StoredIndex> => {
    // Read again before it expired (the watcher), or after: the head it
    // replaces, whose chain goes on.
    const previous =
      (await ctx.cache.peekShared<StoredIndex>(key)) ??
      (await ctx.cache.peekShared<StoredIndex>(keptKey));
    const head = await firstPage(previous);
    await keepCopy(ctx, pipeline, head);
    return head;
  };
  const stored = await ctx.cache.get(key, refreshed, cacheClassOf);
  const viewOf = (head: StoredIndex, later: ExecutionLinks[]) => ({
    ...stateOf(head),
    ...(head.chain ? { chain: head.chain } : {}),
    parts: [head.byExecution, ...later],
  });
  if (!stored.parts || !stored.chain) return viewOf(stored, []);
  // The same head (this process's copy) names the same parts.
  const seen = views.get(stored);
  if (seen) return seen;
  const chain = stored.chain;
  const later = await Promise.all(
    Array.from({ length: stored.parts }, (_, i) =>
      ctx.cache.peek<ExecutionLinks>(
        cacheKeys.pipelineActionIndexPart(pipeline.arn, chain, i),
      ),
    ),
  );
  if (later.every(part => part !== undefined)) {
    const view = viewOf(stored, later as ExecutionLinks[]);
    views.set(stored, view);
    return view;
  }
  return ctx.cache.coalesce(`${key}:again`, async () => {
    const head = await firstPage();
    await ctx.cache.forget(keptKey);
    await putHead(ctx, pipeline, head);
    return viewOf(head, []);
  });
}

/**
 * The deployments a pipeline's executions started, from its action
 * executions newest first, read far enough back to
 * cover the executions asked for (up to a few pages per request). One list
 * call answers for some 25-50 executions, where asking per execution costs
 * one call each. The pages read later are cached as parts of their own,
 * named by the entry of the first: it stays consistent, and reading further
 * back costs what it reads.
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
  let index = await cachedIndex(ctx, pipeline);
  if (wanted.some(w => readBefore(index, w))) {
    // The pipeline started since the head was read: the head is read again.
    await ctx.cache.forget(cacheKeys.pipelineActionIndex(pipeline.arn));
    index = await cachedIndex(ctx, pipeline);
  }
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
      const before = index;
      const links: ExecutionLinks = {};
      let state = stateOf(index);
      for (
        let pages = 0;
        pages < maxPages && (uncovered().length || short());
        pages++
      ) {
        state = addPage(
          state,
          links,
          await ctx.aws.codePipeline.recentActionPage(
            pipeline,
            state.nextToken,
          ),
        );
        index = {
          ...state,
          ...(before.chain ? { chain: before.chain } : {}),
          parts: [...before.parts, links],
        };
        // The listing ended: what is not covered now never will be.
        if (!state.nextToken) break;
      }
      if (index === before) return index;
      // The new part first, then the head that names it: a reader never
      // finds a head naming a part not yet written.
      const chain = before.chain ?? randomUUID();
      const part = before.parts.length - 1;
      await ctx.cache.putFor(
        cacheKeys.pipelineActionIndexPart(pipeline.arn, chain, part),
        links,
        // Outlives every head that names it.
        partLifetime(ctx, state),
      );
      const head: StoredIndex = {
        ...state,
        byExecution: before.parts[0],
        chain,
        parts: part + 1,
      };
      await putHead(ctx, pipeline, head);
      index = { ...index, chain };
      return index;
    },
  );
}

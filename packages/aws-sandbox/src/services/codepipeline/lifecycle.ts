import { failWith, runnerFor, type ActionEnv } from './actions';
import type {
  ActionDeclaration,
  ActionRun,
  ExecutionRecord,
  PipelineRecord,
  StageDeclaration,
} from './model';

/** What the lifecycle needs from the store around it. */
export interface LifecycleContext {
  env(
    pipeline: PipelineRecord,
    execution: ExecutionRecord,
    declaration: ActionDeclaration,
  ): ActionEnv;
  newId(kind: string): string;
  /** every execution of e's pipeline, oldest first */
  executionsOf(e: ExecutionRecord): ExecutionRecord[];
}

const isActive = (e: ExecutionRecord) =>
  e.status === 'InProgress' || e.status === 'Stopping';

/**
 * Moves a pipeline's executions through their stages: one execution per stage
 * at a time (QUEUED, SUPERSEDED), a newer execution superseding an older one
 * waiting for the same stage (SUPERSEDED), actions by runOrder within a stage.
 */
export class ExecutionLifecycle {
  constructor(private readonly ctx: LifecycleContext) {}

  /** `executions` oldest first. */
  advancePipeline(
    pipeline: PipelineRecord,
    executions: ExecutionRecord[],
    now: number,
  ): void {
    const live = executions.filter(isActive);
    for (const execution of live) {
      if (isActive(execution)) this.advance(pipeline, execution, live, now);
    }
  }

  private advance(
    pipeline: PipelineRecord,
    e: ExecutionRecord,
    live: ExecutionRecord[],
    now: number,
  ): void {
    for (let guard = 0; guard < 100 && isActive(e); guard++) {
      const stages = pipeline.declaration.stages;
      if (e.status === 'Stopping') {
        if (!e.waiting)
          this.pollCurrent(pipeline, e, stages[e.stageIndex], now);
        this.stopStep(e, now);
        return;
      }
      if (e.waiting) {
        if (!this.enterStage(pipeline, e, stages[e.stageIndex], live, now)) {
          return;
        }
        continue;
      }
      if (!this.stageStep(pipeline, e, stages[e.stageIndex], now)) return;
    }
  }

  /** Starts the next stage if no other execution holds it. */
  private enterStage(
    pipeline: PipelineRecord,
    e: ExecutionRecord,
    stage: StageDeclaration,
    live: ExecutionRecord[],
    now: number,
  ): boolean {
    if (e.executionMode !== 'PARALLEL') {
      const holder = live.find(
        o =>
          o !== e &&
          isActive(o) &&
          !o.waiting &&
          o.stageIndex === e.stageIndex &&
          o.stages.some(
            s => s.stageName === stage.name && s.status === 'InProgress',
          ),
      );
      if (holder) return false;
    }
    e.waiting = false;
    const at = Math.min(now, Math.max(e.lastUpdateTime, e.startTime));
    e.stages.push({
      stageName: stage.name,
      status: 'InProgress',
      startTime: at,
      runOrder: 0,
    });
    this.startRunOrder(
      pipeline,
      e,
      stage,
      lowestRunOrder(stage.actions),
      at,
      undefined,
    );
    return true;
  }

  /** Polls the running actions; returns true when the execution moved on. */
  private stageStep(
    pipeline: PipelineRecord,
    e: ExecutionRecord,
    stage: StageDeclaration,
    now: number,
  ): boolean {
    const run = e.stages[e.stages.length - 1];
    if (run.status !== 'InProgress') return false;
    const current = this.pollCurrent(pipeline, e, stage, now);
    if (current.some(a => a.status === 'InProgress')) return false;
    const at = Math.max(run.startTime, ...current.map(a => a.lastUpdateTime));
    const failed = current.find(a => a.status === 'Failed');
    if (failed) {
      run.status = 'Failed';
      run.endTime = at;
      e.status = 'Failed';
      e.statusSummary =
        failed.errorDetails?.message ?? `Action ${failed.actionName} failed`;
      e.lastUpdateTime = at;
      return true;
    }
    const next = stage.actions
      .map(a => a.runOrder ?? 1)
      .filter(o => o > run.runOrder)
      .sort((a, b) => a - b)[0];
    if (next !== undefined) {
      this.startRunOrder(pipeline, e, stage, next, at, undefined);
      return true;
    }
    run.status = 'Succeeded';
    run.endTime = at;
    e.lastUpdateTime = at;
    if (e.stageIndex + 1 >= pipeline.declaration.stages.length) {
      e.status = 'Succeeded';
      return true;
    }
    e.stageIndex += 1;
    e.waiting = true;
    this.supersedeOlderWaiting(e, at);
    return true;
  }

  /** Polls the running actions of the current runOrder; returns that group's runs. */
  private pollCurrent(
    pipeline: PipelineRecord,
    e: ExecutionRecord,
    stage: StageDeclaration,
    now: number,
  ): ActionRun[] {
    const run = e.stages[e.stages.length - 1];
    if (!run) return [];
    const current = this.currentRuns(e, run);
    for (const action of current) {
      if (action.status !== 'InProgress') continue;
      const declaration = stage.actions.find(a => a.name === action.actionName);
      if (!declaration) continue;
      runnerFor(declaration.actionTypeId).poll(
        action,
        this.ctx.env(pipeline, e, declaration),
        now,
      );
    }
    return current;
  }

  /** Runs of the stage run's current runOrder (the latest run of each action). */
  currentRuns(
    e: ExecutionRecord,
    run: { stageName: string; runOrder: number; startTime: number },
  ): ActionRun[] {
    const latest = new Map<string, ActionRun>();
    for (const a of e.actions) {
      if (
        a.stageName === run.stageName &&
        a.runOrder === run.runOrder &&
        a.startTime >= run.startTime
      ) {
        latest.set(a.actionName, a);
      }
    }
    return [...latest.values()];
  }

  /** Starts the actions of one runOrder (all, or only `only`) of a stage. */
  startRunOrder(
    pipeline: PipelineRecord,
    e: ExecutionRecord,
    stage: StageDeclaration,
    runOrder: number,
    at: number,
    only: Set<string> | undefined,
  ): void {
    const run = e.stages[e.stages.length - 1];
    run.runOrder = runOrder;
    for (const declaration of stage.actions) {
      if ((declaration.runOrder ?? 1) !== runOrder) continue;
      if (only && !only.has(declaration.name)) continue;
      const action: ActionRun = {
        actionExecutionId: this.ctx.newId('action'),
        stageName: stage.name,
        actionName: declaration.name,
        runOrder,
        status: 'InProgress',
        startTime: at,
        lastUpdateTime: at,
      };
      e.actions.push(action);
      try {
        runnerFor(declaration.actionTypeId).start(
          action,
          this.ctx.env(pipeline, e, declaration),
          at,
        );
      } catch (error) {
        failWith(action, at, error);
      }
    }
    e.lastUpdateTime = at;
  }

  /** SUPERSEDED: an older execution waiting for the same stage gives way. */
  supersedeOlderWaiting(e: ExecutionRecord, at: number): void {
    if (e.executionMode !== 'SUPERSEDED') return;
    for (const other of this.ctx.executionsOf(e)) {
      if (
        other !== e &&
        other.status === 'InProgress' &&
        other.waiting &&
        other.stageIndex === e.stageIndex &&
        other.startTime < e.startTime
      ) {
        other.status = 'Superseded';
        other.statusSummary = `Superseded by ${e.pipelineExecutionId}`;
        other.lastUpdateTime = at;
        other.waiting = false;
      }
    }
  }

  /** Stopping: Stopped once no action is still running. */
  private stopStep(e: ExecutionRecord, now: number): void {
    const run = e.stages[e.stages.length - 1];
    for (const action of e.actions) {
      if (action.status !== 'InProgress') continue;
      // An approval has no work to finish; abandon means do not wait at all.
      if (e.abandon || action.token) {
        action.status = 'Abandoned';
        action.lastUpdateTime = now;
        action.token = undefined;
      }
    }
    if (e.actions.some(a => a.status === 'InProgress')) return;
    if (run && run.status === 'InProgress') {
      run.status = 'Stopped';
      run.endTime = now;
    }
    e.status = 'Stopped';
    e.waiting = false;
    e.lastUpdateTime = now;
  }
}

function lowestRunOrder(actions: ActionDeclaration[]): number {
  return Math.min(...actions.map(a => a.runOrder ?? 1));
}

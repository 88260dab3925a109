import { codePipelineArn, parseArn, type Scope } from '../../core/arns';
import { AwsError } from '../../core/AwsError';
import { uuidFor } from '../../core/ids';
import type { SandboxWorld, ServiceStore } from '../../world';
import type { ActionEnv } from './actions';
import {
  ecrPushTrigger,
  revisionsPinnedByPush,
  type ImagePush,
} from './ecrTrigger';
import { ExecutionLifecycle } from './lifecycle';
import type {
  CodePipelineState,
  ExecutionRecord,
  PinnedRevision,
  PipelineDeclaration,
  PipelineRecord,
} from './model';
import { RequestTokens } from './requestTokens';
import { HeldRepositories } from './sources/HeldRepositories';
import { sourceKeyOf } from './sources/sourceKey';
import { SourceRepositories } from './sources/SourceRepositories';

/** Pipelines are named per account and region. */
const key = (w: Scope, name: string) => `${w.accountId}/${w.region}/${name}`;

/**
 * CodePipeline's state: pipelines, their executions (moved stage by stage by
 * the clock), the source repositories the sandbox holds, and the ECR push
 * trigger.
 *
 * @public
 */
export class CodePipelineStore implements ServiceStore {
  private seq = 0;
  private readonly pipelines = new Map<string, PipelineRecord>();
  /** executions per pipeline key, oldest first */
  private readonly executions = new Map<string, ExecutionRecord[]>();
  private readonly byId = new Map<string, ExecutionRecord>();
  /** pipeline keys with an execution in progress */
  private readonly active = new Set<string>();
  private readonly held = new HeldRepositories();
  private readonly sources: SourceRepositories;
  private readonly repositories = new Map<string, string>();
  private readonly requestTokens = new RequestTokens();
  readonly lifecycle: ExecutionLifecycle;

  constructor(private readonly world: SandboxWorld) {
    this.sources = new SourceRepositories(world.sourceRepositories, this.held);
    this.lifecycle = new ExecutionLifecycle({
      env: (pipeline, execution, declaration) =>
        this.actionEnv(pipeline, execution, declaration),
      newId: kind => this.newId(kind),
      executionsOf: e => this.executions.get(key(e, e.pipelineName)) ?? [],
    });
  }

  // ---- pipelines ----------------------------------------------------------

  createPipeline(
    where: Scope,
    declaration: PipelineDeclaration,
  ): PipelineRecord {
    const k = key(where, declaration.name);
    if (this.pipelines.has(k)) {
      throw new AwsError(
        'PipelineNameInUseException',
        `A pipeline with the name '${declaration.name}' already exists in account '${where.accountId}'`,
      );
    }
    const now = this.world.clock.nowMs();
    const record: PipelineRecord = {
      ...where,
      name: declaration.name,
      arn: codePipelineArn(where, declaration.name),
      declaration: { ...declaration, version: 1 },
      previous: [],
      created: now,
      updated: now,
    };
    this.pipelines.set(k, record);
    this.executions.set(k, []);
    this.world.tags.register(record.arn);
    return record;
  }

  updatePipeline(
    where: Scope,
    declaration: PipelineDeclaration,
  ): PipelineRecord {
    const record = this.getPipeline(where, declaration.name);
    record.previous.push(record.declaration);
    record.declaration = {
      ...declaration,
      version: (record.declaration.version ?? 1) + 1,
    };
    record.updated = this.world.clock.nowMs();
    return record;
  }

  getPipeline(where: Scope, name: string): PipelineRecord {
    const record = this.pipelines.get(key(where, name));
    if (!record) {
      throw new AwsError(
        'PipelineNotFoundException',
        `Account '${where.accountId}' does not have a pipeline with name '${name}'`,
      );
    }
    return record;
  }

  findPipelineByArn(arn: string): PipelineRecord | undefined {
    const parsed = parseArn(arn);
    return parsed?.service === 'codepipeline'
      ? this.pipelines.get(key(parsed, parsed.resource))
      : undefined;
  }

  listPipelines(where: Scope): PipelineRecord[] {
    return [...this.pipelines.values()]
      .filter(p => p.accountId === where.accountId && p.region === where.region)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  // ---- executions ---------------------------------------------------------

  startExecution(
    pipeline: PipelineRecord,
    trigger: ExecutionRecord['trigger'],
    options: {
      pinned?: Record<string, PinnedRevision>;
      variables?: { name: string; value: string }[];
      /** StartPipelineExecution's idempotency token: a repeat returns the execution it started */
      clientRequestToken?: string;
    } = {},
  ): ExecutionRecord {
    const now = this.world.clock.nowMs();
    const pipelineKey = key(pipeline, pipeline.name);
    const token = options.clientRequestToken;
    const startedId = token
      ? this.requestTokens.find(pipelineKey, token, now)
      : undefined;
    const started = startedId ? this.byId.get(startedId) : undefined;
    if (started) return started;
    const declared = pipeline.declaration.variables ?? [];
    const variables = declared.map(v => ({
      name: v.name,
      resolvedValue:
        options.variables?.find(o => o.name === v.name)?.value ??
        v.defaultValue ??
        '',
    }));
    const execution: ExecutionRecord = {
      accountId: pipeline.accountId,
      region: pipeline.region,
      pipelineName: pipeline.name,
      pipelineExecutionId: this.newId('execution'),
      pipelineVersion: pipeline.declaration.version ?? 1,
      status: 'InProgress',
      startTime: now,
      lastUpdateTime: now,
      trigger,
      executionMode: pipeline.declaration.executionMode ?? 'SUPERSEDED',
      sourceRevisions: [],
      variables: variables.length ? variables : undefined,
      stageIndex: 0,
      waiting: true,
      stages: [],
      actions: [],
      artifacts: {},
      pinned: options.pinned,
    };
    this.addExecution(pipeline, execution);
    if (token) {
      this.requestTokens.remember(
        pipelineKey,
        token,
        execution.pipelineExecutionId,
        now,
      );
    }
    this.lifecycle.supersedeOlderWaiting(execution, now);
    this.tickPipeline(pipeline, now);
    return execution;
  }

  /** Executions of a pipeline, newest first. */
  listExecutions(pipeline: PipelineRecord): ExecutionRecord[] {
    return [
      ...(this.executions.get(key(pipeline, pipeline.name)) ?? []),
    ].reverse();
  }

  getExecution(pipeline: PipelineRecord, id: string): ExecutionRecord {
    const e = this.byId.get(id);
    if (
      !e ||
      e.pipelineName !== pipeline.name ||
      e.accountId !== pipeline.accountId
    ) {
      throw new AwsError(
        'PipelineExecutionNotFoundException',
        `Pipeline execution with id '${id}' for pipeline '${pipeline.name}' does not exist`,
      );
    }
    return e;
  }

  /** The execution that most recently entered a stage. */
  latestForStage(
    pipeline: PipelineRecord,
    stageName: string,
  ): ExecutionRecord | undefined {
    const list = this.executions.get(key(pipeline, pipeline.name)) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].stages.some(s => s.stageName === stageName)) return list[i];
    }
    return undefined;
  }

  /** After an API call changed an execution: move it (and its pipeline) now. */
  touch(pipeline: PipelineRecord): void {
    this.active.add(key(pipeline, pipeline.name));
    this.tickPipeline(pipeline, this.world.clock.nowMs());
  }

  /**
   * Adds an execution that already happened (seeded history): stored as is,
   * never moved.
   */
  importExecution(
    pipeline: PipelineRecord,
    execution: Omit<ExecutionRecord, 'pipelineExecutionId'> & {
      pipelineExecutionId?: string;
    },
  ): ExecutionRecord {
    const record: ExecutionRecord = {
      ...execution,
      pipelineExecutionId:
        execution.pipelineExecutionId ?? this.newId('execution'),
    };
    this.addExecution(pipeline, record);
    return record;
  }

  // ---- sources and triggers -----------------------------------------------

  /**
   * Sandbox knob: a commit to a source repository the sandbox holds (a
   * CodeCommit repository, an S3 object, or a Git connection's repository
   * whose owner has no `sourceRepositories` rule), e.g. the infrastructure
   * repository with `taskdef.json` and `appspec.yaml`. Returns its commit id.
   */
  pushSourceCommit(
    source:
      | { provider: string; configuration: Record<string, string> }
      | string,
    commit: {
      files: Record<string, string>;
      message?: string;
      commitId?: string;
    },
  ): string {
    const sourceKey =
      typeof source === 'string'
        ? source
        : sourceKeyOf(source.provider, source.configuration);
    return this.held.push(sourceKey, commit, this.world.clock.nowMs());
  }

  /** An ECR push: start every pipeline whose ECR source watches that tag. */
  onImagePushed(push: ImagePush): void {
    this.repositories.set(push.repositoryName, push.repositoryArn);
    for (const pipeline of this.pipelines.values()) {
      const pinned = revisionsPinnedByPush(pipeline, push);
      if (Object.keys(pinned).length) {
        this.startExecution(
          pipeline,
          ecrPushTrigger(pipeline, push.repositoryName),
          { pinned },
        );
      }
    }
  }

  newId(kind: string): string {
    this.seq += 1;
    return uuidFor(`codepipeline-${kind}`, this.seq);
  }

  // ---- ServiceStore -------------------------------------------------------

  tick(nowMs: number): void {
    for (const k of [...this.active]) {
      const pipeline = this.pipelines.get(k);
      if (!pipeline) {
        this.active.delete(k);
        continue;
      }
      this.tickPipeline(pipeline, nowMs);
    }
  }

  snapshot(): CodePipelineState {
    return {
      seq: this.seq,
      pipelines: [...this.pipelines.values()],
      executions: [...this.executions.values()].flat(),
      sources: this.held.snapshot(),
      repositories: [...this.repositories.entries()],
      requestTokens: this.requestTokens.snapshot(),
    };
  }

  restore(data: unknown): void {
    const snap = data as CodePipelineState;
    this.seq = snap.seq ?? 0;
    this.pipelines.clear();
    this.executions.clear();
    this.byId.clear();
    this.active.clear();
    this.repositories.clear();
    for (const p of snap.pipelines ?? []) {
      this.pipelines.set(key(p, p.name), p);
      this.executions.set(key(p, p.name), []);
    }
    for (const e of snap.executions ?? []) {
      const pipeline = this.pipelines.get(key(e, e.pipelineName));
      if (pipeline) this.addExecution(pipeline, e);
    }
    this.held.restore(snap.sources);
    for (const [k, v] of snap.repositories ?? []) this.repositories.set(k, v);
    this.requestTokens.restore(snap.requestTokens);
  }

  // ---- internals ----------------------------------------------------------

  private addExecution(pipeline: PipelineRecord, e: ExecutionRecord): void {
    const k = key(pipeline, pipeline.name);
    const list = this.executions.get(k) ?? [];
    list.push(e);
    this.executions.set(k, list);
    this.byId.set(e.pipelineExecutionId, e);
    if (e.status === 'InProgress' || e.status === 'Stopping')
      this.active.add(k);
  }

  private tickPipeline(pipeline: PipelineRecord, now: number): void {
    const k = key(pipeline, pipeline.name);
    const list = this.executions.get(k) ?? [];
    this.lifecycle.advancePipeline(pipeline, list, now);
    if (!list.some(e => e.status === 'InProgress' || e.status === 'Stopping')) {
      this.active.delete(k);
    }
  }

  private actionEnv(
    pipeline: PipelineRecord,
    execution: ExecutionRecord,
    declaration: ActionEnv['declaration'],
  ): ActionEnv {
    return {
      world: this.world,
      pipeline,
      execution,
      declaration,
      sources: this.sources,
      knownRepositoryArn: name => this.repositories.get(name),
      newToken: () => this.newId('approval-token'),
      // only the action's own input artifacts, as in AWS
      artifact: name =>
        name && declaration.inputArtifacts?.some(i => i.name === name)
          ? execution.artifacts[name]
          : undefined,
    };
  }
}

/*
 * CodePipeline's state as plain JSON records. Times are epoch milliseconds of
 * the sandbox clock. A pipeline keeps its declaration as the caller gave it
 * (the SDK's PipelineDeclaration shape); executions keep one record per stage
 * run and per action run.
 */

/** @public */
export type PipelineExecutionStatus =
  | 'Cancelled'
  | 'InProgress'
  | 'Stopped'
  | 'Stopping'
  | 'Succeeded'
  | 'Superseded'
  | 'Failed';

/** @public */
export type StageExecutionStatus =
  | 'Cancelled'
  | 'InProgress'
  | 'Failed'
  | 'Stopped'
  | 'Stopping'
  | 'Succeeded'
  | 'Skipped';

/** @public */
export type ActionExecutionStatus =
  | 'InProgress'
  | 'Abandoned'
  | 'Succeeded'
  | 'Failed';

/** @public */
export interface ActionTypeId {
  category: string;
  owner: string;
  provider: string;
  version: string;
}

/** @public */
export interface ActionDeclaration {
  name: string;
  actionTypeId: ActionTypeId;
  runOrder?: number;
  configuration?: Record<string, string>;
  inputArtifacts?: { name: string }[];
  outputArtifacts?: { name: string }[];
  region?: string;
  namespace?: string;
  roleArn?: string;
}

/** @public */
export interface StageDeclaration {
  name: string;
  actions: ActionDeclaration[];
  blockers?: unknown[];
}

/** @public */
export interface PipelineDeclaration {
  name: string;
  roleArn: string;
  artifactStore?: { type: string; location: string };
  stages: StageDeclaration[];
  version?: number;
  executionMode?: 'QUEUED' | 'SUPERSEDED' | 'PARALLEL';
  pipelineType?: 'V1' | 'V2';
  variables?: { name: string; defaultValue?: string; description?: string }[];
  triggers?: unknown[];
}

/** @public */
export interface PipelineRecord {
  accountId: string;
  region: string;
  name: string;
  arn: string;
  declaration: PipelineDeclaration;
  /** earlier versions, for GetPipeline with `version` */
  previous: PipelineDeclaration[];
  created: number;
  updated: number;
}

/**
 * What a source action hands to later actions: the files of its output
 * artifact (a commit's files; an ECR source's `imageDetail.json`) and the
 * revision they are.
 *
 * @public
 */
export interface ArtifactValue {
  /** the commit id, or the image digest of an ECR source */
  revisionId: string;
  /** path in the artifact -> content */
  files: Record<string, string>;
}

/** @public */
export interface ActionRun {
  actionExecutionId: string;
  stageName: string;
  actionName: string;
  runOrder: number;
  status: ActionExecutionStatus;
  startTime: number;
  lastUpdateTime: number;
  updatedBy?: string;
  /** manual approval token while it waits */
  token?: string;
  summary?: string;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  externalExecutionSummary?: string;
  errorDetails?: { code: string; message: string };
  outputVariables?: Record<string, string>;
  /** resolved configuration (placeholders filled) */
  resolvedConfiguration?: Record<string, string>;
  /** when a timed action completes */
  nextAt?: number;
  /** a deployment or service deployment the action waits on */
  waitingOn?: { kind: 'codedeploy' | 'ecs'; id: string };
}

/** @public */
export interface StageRun {
  stageName: string;
  status: StageExecutionStatus;
  startTime: number;
  endTime?: number;
  /** the runOrder group running now */
  runOrder: number;
}

/** A source revision pinned by the trigger (an ECR push, a StartPipelineExecution override). @public */
export interface PinnedRevision {
  imageDigest?: string;
  imageTag?: string;
  repositoryArn?: string;
  commitId?: string;
}

/** @public */
export interface ExecutionRecord {
  accountId: string;
  region: string;
  pipelineName: string;
  pipelineExecutionId: string;
  pipelineVersion: number;
  status: PipelineExecutionStatus;
  statusSummary?: string;
  startTime: number;
  lastUpdateTime: number;
  trigger: { triggerType: string; triggerDetail?: string };
  executionMode: 'QUEUED' | 'SUPERSEDED' | 'PARALLEL';
  sourceRevisions: {
    actionName: string;
    revisionId?: string;
    revisionSummary?: string;
    revisionUrl?: string;
  }[];
  variables?: { name: string; resolvedValue: string }[];
  /** index of the stage the execution is in or waits to enter */
  stageIndex: number;
  /** true while it waits for another execution to leave that stage */
  waiting: boolean;
  stages: StageRun[];
  actions: ActionRun[];
  artifacts: Record<string, ArtifactValue>;
  pinned?: Record<string, PinnedRevision>;
  stopTrigger?: { reason?: string };
  abandon?: boolean;
}

/**
 * One commit of a source repository, as a source action outputs it.
 *
 * @public
 */
export interface SourceCommit {
  commitId: string;
  message?: string;
  /** the commit's author date (epoch ms), when the repository records one */
  authorDate?: number;
  /** path in the repository -> content */
  files: Record<string, string>;
  /** when the sandbox was given the commit (pushSourceCommit) */
  at: number;
}

/** A StartPipelineExecution `clientRequestToken` remembered with the execution it started. @public */
export interface RequestTokenRecord {
  /** `<pipeline key>#<token>` */
  key: string;
  pipelineExecutionId: string;
  at: number;
}

/** Everything the store holds, as the state file saves it. @public */
export interface CodePipelineState {
  /** the id counter */
  seq: number;
  pipelines: PipelineRecord[];
  executions: ExecutionRecord[];
  /** source key -> the commits the sandbox holds (`pushSourceCommit`) */
  sources: [string, SourceCommit[]][];
  /** ECR repository name -> the ARN last seen pushing under it */
  repositories: [string, string][];
  requestTokens?: RequestTokenRecord[];
}

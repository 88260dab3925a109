import { AwsError } from '../../core/AwsError';
import type { CodePipelineStore } from './CodePipelineStore';
import type { PipelineRecord } from './model';

/*
 * The calls that change a running execution from outside: approving or
 * rejecting, stopping, retrying a failed stage. Each checks what AWS checks and
 * raises the same exceptions.
 */

export function putApprovalResult(
  store: CodePipelineStore,
  pipeline: PipelineRecord,
  input: {
    stageName: string;
    actionName: string;
    token: string;
    result: { status: string; summary?: string };
    approvedBy: string;
    now: number;
  },
): void {
  const stage = pipeline.declaration.stages.find(
    s => s.name === input.stageName,
  );
  if (!stage) {
    throw new AwsError(
      'StageNotFoundException',
      `Stage ${input.stageName} was not found in pipeline ${pipeline.name}`,
    );
  }
  const action = stage.actions.find(a => a.name === input.actionName);
  if (!action || action.actionTypeId.category !== 'Approval') {
    throw new AwsError(
      'ActionNotFoundException',
      `Approval action ${input.actionName} was not found in stage ${input.stageName}`,
    );
  }
  if (!['Approved', 'Rejected'].includes(input.result.status)) {
    throw new AwsError(
      'ValidationException',
      `Invalid approval status ${input.result.status}`,
    );
  }
  const e = store.latestForStage(pipeline, stage.name);
  const run = e
    ? [...e.actions]
        .reverse()
        .find(a => a.stageName === stage.name && a.actionName === action.name)
    : undefined;
  if (!e || !run || run.status !== 'InProgress') {
    throw new AwsError(
      'ApprovalAlreadyCompletedException',
      'The approval request already received a response or has expired',
    );
  }
  if (run.token !== input.token) {
    throw new AwsError(
      'InvalidApprovalTokenException',
      `The approval action ${input.actionName} does not have an approval token ${input.token}`,
    );
  }
  const approved = input.result.status === 'Approved';
  run.status = approved ? 'Succeeded' : 'Failed';
  run.lastUpdateTime = input.now;
  run.updatedBy = input.approvedBy;
  run.summary = input.result.summary;
  run.token = undefined;
  if (!approved) {
    run.errorDetails = {
      code: 'JobFailed',
      message: `Rejected by ${input.approvedBy}${
        input.result.summary ? `: ${input.result.summary}` : ''
      }`,
    };
  }
  store.touch(pipeline);
}

export function stopExecution(
  store: CodePipelineStore,
  pipeline: PipelineRecord,
  input: { pipelineExecutionId: string; abandon?: boolean; reason?: string },
): void {
  const e = store.getExecution(pipeline, input.pipelineExecutionId);
  if (e.status === 'Stopping') {
    if (input.abandon && !e.abandon) {
      e.abandon = true;
      store.touch(pipeline);
      return;
    }
    throw new AwsError(
      'DuplicatedStopRequestException',
      `Execution ${e.pipelineExecutionId} is already being stopped`,
    );
  }
  if (e.status !== 'InProgress') {
    throw new AwsError(
      'PipelineExecutionNotStoppableException',
      `Unable to stop pipeline execution ${e.pipelineExecutionId} in status ${e.status}`,
    );
  }
  e.status = 'Stopping';
  e.abandon = Boolean(input.abandon);
  e.stopTrigger = { reason: input.reason };
  store.touch(pipeline);
}

export function retryStage(
  store: CodePipelineStore,
  pipeline: PipelineRecord,
  input: {
    pipelineExecutionId: string;
    stageName: string;
    retryMode: string;
    now: number;
  },
): void {
  const stageIndex = pipeline.declaration.stages.findIndex(
    s => s.name === input.stageName,
  );
  if (stageIndex < 0) {
    throw new AwsError(
      'StageNotFoundException',
      `Stage ${input.stageName} was not found in pipeline ${pipeline.name}`,
    );
  }
  if (!['FAILED_ACTIONS', 'ALL_ACTIONS'].includes(input.retryMode)) {
    throw new AwsError(
      'ValidationException',
      `Invalid retryMode ${input.retryMode}`,
    );
  }
  const e = store.getExecution(pipeline, input.pipelineExecutionId);
  const latest = store.latestForStage(pipeline, input.stageName);
  if (latest && latest !== e) {
    throw new AwsError(
      'NotLatestPipelineExecutionException',
      `Execution ${e.pipelineExecutionId} is not the latest execution of stage ${input.stageName}`,
    );
  }
  const run = e.stages[e.stages.length - 1];
  if (
    e.status !== 'Failed' ||
    !run ||
    run.stageName !== input.stageName ||
    run.status !== 'Failed'
  ) {
    throw new AwsError(
      'StageNotRetryableException',
      `Stage ${input.stageName} of execution ${e.pipelineExecutionId} has not failed and cannot be retried`,
    );
  }
  const stage = pipeline.declaration.stages[stageIndex];
  e.status = 'InProgress';
  e.statusSummary = undefined;
  e.waiting = false;
  e.stageIndex = stageIndex;
  run.status = 'InProgress';
  run.endTime = undefined;
  if (input.retryMode === 'ALL_ACTIONS') {
    run.startTime = input.now;
    const first = Math.min(...stage.actions.map(a => a.runOrder ?? 1));
    store.lifecycle.startRunOrder(
      pipeline,
      e,
      stage,
      first,
      input.now,
      undefined,
    );
  } else {
    const failed = store.lifecycle
      .currentRuns(e, run)
      .filter(a => a.status === 'Failed')
      .map(a => a.actionName);
    // The stage run keeps its start: the actions that succeeded stay done and
    // the retried ones replace the failed runs as the latest of their action.
    store.lifecycle.startRunOrder(
      pipeline,
      e,
      stage,
      run.runOrder,
      input.now,
      new Set(failed),
    );
  }
  store.touch(pipeline);
}

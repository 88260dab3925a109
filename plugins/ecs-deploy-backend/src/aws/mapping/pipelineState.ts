import { GetPipelineStateOutput } from '@aws-sdk/client-codepipeline';
import { PipelineWaitState, StageRun } from '../state';

/** A manual approval waiting for a decision, with its token. */
export interface WaitingApproval {
  stageName: string;
  actionName: string;
  token: string;
  executionId?: string;
}

/** The manual approvals waiting for a decision: only those carry a token. */
export function waitingApprovals(
  state: GetPipelineStateOutput,
): WaitingApproval[] {
  return (state.stageStates ?? []).flatMap(stage =>
    (stage.actionStates ?? []).flatMap(action => {
      const latest = action.latestExecution;
      return latest?.status === 'InProgress' && latest.token
        ? [
            {
              stageName: stage.stageName ?? '',
              actionName: action.actionName ?? '',
              token: latest.token,
              executionId: stage.latestExecution?.pipelineExecutionId,
            },
          ]
        : [];
    }),
  );
}

/** The latest run of each stage, as GetPipelineState reports it. */
export function stageRunsOf(
  state: GetPipelineStateOutput,
): Record<string, StageRun> {
  return Object.fromEntries(
    (state.stageStates ?? []).map(stage => [
      stage.stageName ?? '',
      {
        ...(stage.latestExecution?.pipelineExecutionId
          ? { executionId: stage.latestExecution.pipelineExecutionId }
          : {}),
        ...(stage.latestExecution?.status
          ? { status: stage.latestExecution.status }
          : {}),
      },
    ]),
  );
}

/** GetPipelineState reduced to what the reads show (no tokens: those stay fresh). */
export function compactPipelineState(
  state: GetPipelineStateOutput,
): PipelineWaitState {
  const approvals: PipelineWaitState['approvals'] = {};
  for (const approval of waitingApprovals(state)) {
    if (!approval.executionId) continue;
    (approvals[approval.executionId] ??= []).push({
      stageName: approval.stageName,
      actionName: approval.actionName,
    });
  }
  return {
    waitingExecutionIds: Object.keys(approvals),
    approvals,
    stageRuns: stageRunsOf(state),
  };
}

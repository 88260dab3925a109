import { ECS_DEPLOY_ACTION_ERROR_CODES } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ConflictError } from '@backstage/errors';
import { withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import { StageRun } from '../../aws/state';

/*
 * When CodePipeline takes each action, as one predicate per action: the
 * action checks it on the state read now (409 with its reason), the reads
 * offer it from the state as last read.
 */

/** How many of the newest executions the start check looks at. */
export const RECENT_EXECUTIONS = 10;

/** Why the pipeline would not start now: an execution of the newest ones still runs. */
export function startRefusal(
  pipelineName: string,
  recent: Array<{ executionId?: string; status?: string }>,
): string | undefined {
  const running = recent
    .slice(0, RECENT_EXECUTIONS)
    .find(e => e.status === 'InProgress' || e.status === 'Stopping');
  return running
    ? `Pipeline ${pipelineName} is already running: execution ${running.executionId} is ${running.status}`
    : undefined;
}

/** Why the stage of the execution cannot be retried: only its latest run, and only once it failed. */
export function retryRefusal(
  pipelineName: string,
  stageName: string,
  executionId: string,
  latest: StageRun | undefined,
): string | undefined {
  if (latest?.executionId !== executionId) {
    return `Stage ${stageName} of ${pipelineName} last ran in execution ${
      latest?.executionId ?? 'none'
    }, not ${executionId}; only the latest execution of a stage can be retried`;
  }
  if (latest.status !== 'Failed') {
    return `Stage ${stageName} of execution ${executionId} is ${latest.status}, not Failed`;
  }
  return undefined;
}

/** The stage whose latest run is the execution's and failed, if any: what a retry would retry. */
export function retryableStage(
  executionId: string,
  stageRuns: Record<string, StageRun>,
): string | undefined {
  return Object.entries(stageRuns).find(
    ([stage, run]) => !retryRefusal('', stage, executionId, run),
  )?.[0];
}

/** The sentence of a refused approval when none waits. */
export function noApprovalWaiting(pipelineName: string): string {
  return `No approval is waiting in pipeline ${pipelineName}`;
}

/** The sentence of a refused approval when another execution's waits. */
export function approvalOfAnother(
  pipelineName: string,
  waitingExecutionIds: string[],
  executionId: string,
): string {
  return `The approval waiting in pipeline ${pipelineName} belongs to execution ${waitingExecutionIds.join(
    ', ',
  )}, not ${executionId}; look at the new execution before deciding`;
}

/** A refused approval: code `StaleApproval`. */
export function staleApproval(message: string): Error {
  return withErrorCode(
    new ConflictError(message),
    ECS_DEPLOY_ACTION_ERROR_CODES.staleApproval,
  );
}

import { ActionOffer } from '@ecs-deploy/plugin-ecs-deploy-common';
import { StageRun } from '../../aws/state';
import { offer } from '../offers';
import { retryableStage } from './preconditions';

/**
 * The retry of a failed execution's failed stage: offered when a stage's
 * latest run is this execution's and failed, by the check the retry makes.
 * `stageRuns` undefined: the stages could not be read.
 */
export function retryOffer(
  pipelineName: string,
  executionId: string,
  stageRuns: Record<string, StageRun> | undefined,
): ActionOffer {
  if (!stageRuns) {
    return offer(
      'retry-stage',
      `The stages of pipeline ${pipelineName} could not be read; refresh to try again`,
    );
  }
  const stageName = retryableStage(executionId, stageRuns);
  if (stageName) {
    return offer('retry-stage', undefined, {
      pipelineExecutionId: executionId,
      stageName,
    });
  }
  return offer(
    'retry-stage',
    `Execution ${executionId} is not the latest run of the stage that failed; only the latest execution of a stage can be retried`,
  );
}

/** The approval of an execution that waits for one. */
export function approveOffer(executionId: string): ActionOffer {
  return offer('approve', undefined, { pipelineExecutionId: executionId });
}

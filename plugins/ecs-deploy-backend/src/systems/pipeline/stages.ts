import { ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import {
  PipelineActionExecution,
  PipelineStageExecution,
  fromPipelineStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { deploymentIdOfAction } from './deploymentIdOfAction';
import { iso } from '../../mapping/time';

/** A stage's status (as GetPipelineState words it) from its actions' statuses. */
export function stageStatusOf(statuses: string[]): string {
  if (statuses.includes('InProgress')) return 'InProgress';
  if (statuses.includes('Failed')) return 'Failed';
  if (statuses.includes('Abandoned')) return 'Stopped';
  return statuses.length ? 'Succeeded' : 'Unknown';
}

function stageStatus(actions: PipelineActionExecution[]): string {
  return stageStatusOf(actions.map(a => a.awsStatus));
}

/**
 * Groups one execution's action executions into its stages, in the order
 * they ran. An approval still in progress is WAITING for a person.
 */
export function pipelineStages(
  details: ActionExecutionDetail[],
): PipelineStageExecution[] {
  const sorted = [...details].sort(
    (a, b) => (a.startTime?.getTime() ?? 0) - (b.startTime?.getTime() ?? 0),
  );
  const stages = new Map<string, PipelineActionExecution[]>();
  for (const d of sorted) {
    const category = d.input?.actionTypeId?.category;
    const result = d.output?.executionResult;
    const action: PipelineActionExecution = {
      name: d.actionName ?? '',
      status: fromPipelineStatus(d.status, {
        waiting: category === 'Approval',
      }),
      awsStatus: d.status ?? 'Unknown',
      ...(category ? { category } : {}),
      ...(d.input?.actionTypeId?.provider
        ? { provider: d.input.actionTypeId.provider }
        : {}),
    };
    const startedAt = iso(d.startTime);
    if (startedAt) action.startedAt = startedAt;
    if (d.status !== 'InProgress') {
      const endedAt = iso(d.lastUpdateTime);
      if (endedAt) action.endedAt = endedAt;
    }
    if (result?.externalExecutionSummary) {
      action.summary = result.externalExecutionSummary;
    }
    if (result?.errorDetails?.message) {
      action.errorMessage = result.errorDetails.message;
    }
    if (result?.externalExecutionUrl) {
      action.externalExecutionUrl = result.externalExecutionUrl;
    }
    const deploymentId = deploymentIdOfAction(d);
    if (deploymentId) action.deploymentId = deploymentId;
    const stageName = d.stageName ?? '';
    stages.set(stageName, [...(stages.get(stageName) ?? []), action]);
  }
  return [...stages].map(([name, actions]) => {
    const awsStatus = stageStatus(actions);
    return {
      name,
      awsStatus,
      status: fromPipelineStatus(awsStatus, {
        waiting: actions.some(a => a.status === 'WAITING'),
      }),
      actions,
    };
  });
}

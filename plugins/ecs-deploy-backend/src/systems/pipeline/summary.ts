import { PipelineExecutionSummary } from '@aws-sdk/client-codepipeline';
import {
  DeploymentSummary,
  DeploymentTrigger,
  TriggerKind,
  formatDeploymentId,
  fromPipelineStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { StageRun } from '../../aws/state';
import { finishSummary } from '../../mapping/finishSummary';
import { iso } from '../../mapping/time';
import { appCommitOf } from './appCommit';
import { approveOffer, retryOffer } from './offers';

const PIPELINE_TRIGGERS: Record<string, TriggerKind> = {
  StartPipelineExecution: 'user',
  AutomatedRollback: 'rollback',
  ManualRollback: 'rollback',
  CloudWatchEvent: 'pipeline',
  PutActionRevision: 'pipeline',
  PollForSourceChanges: 'pipeline',
  Webhook: 'pipeline',
  WebhookV2: 'pipeline',
  CreatePipeline: 'pipeline',
};

/** A pipeline execution as a history entry. */
export function pipelineSummary(
  environment: string,
  pipelineName: string,
  execution: PipelineExecutionSummary,
  waiting: boolean,
  stageRuns?: Record<string, StageRun>,
): DeploymentSummary {
  const status = fromPipelineStatus(execution.status, { waiting });
  const trigger: DeploymentTrigger = {
    kind: PIPELINE_TRIGGERS[execution.trigger?.triggerType ?? ''] ?? 'unknown',
    actor: execution.trigger?.triggerDetail ?? pipelineName,
    ...(execution.trigger?.triggerType
      ? { detail: execution.trigger.triggerType }
      : {}),
  };
  for (const revision of execution.sourceRevisions ?? []) {
    const id = revision.revisionId;
    if (!id) continue;
    if (id.startsWith('sha256:')) {
      trigger.imageDigest ??= id;
      // ECR sources summarise the pushed tag; the demo tags images by commit.
      const tag = /(?:tag|Tag)[^A-Za-z0-9]+([A-Za-z0-9._-]+)/.exec(
        revision.revisionSummary ?? '',
      )?.[1];
      if (tag) trigger.imageTag ??= tag;
      const appCommit = appCommitOf(tag, revision.revisionSummary);
      if (appCommit) trigger.appCommitId ??= appCommit;
    } else {
      trigger.commitId ??= id;
    }
  }
  const summary: DeploymentSummary = {
    id: formatDeploymentId('pipeline', execution.pipelineExecutionId ?? ''),
    kind: 'pipeline',
    environment,
    status,
    awsStatus: execution.status ?? 'Unknown',
    startedAt: iso(execution.startTime),
    endedAt: iso(execution.lastUpdateTime),
    trigger,
    pipelineName,
    links: {},
  };
  const rollbackOf =
    execution.rollbackMetadata?.rollbackTargetPipelineExecutionId;
  if (rollbackOf) {
    summary.rollback = {
      rolledBack: false,
      ofDeploymentId: formatDeploymentId('pipeline', rollbackOf),
    };
  }
  if (status === 'FAILED' && execution.statusSummary) {
    summary.errorMessage = execution.statusSummary;
  }
  const executionId = execution.pipelineExecutionId ?? '';
  // A waiting execution can be approved; a failed one's stage retried.
  summary.offers = [
    ...(status === 'WAITING' ? [approveOffer(executionId)] : []),
    ...(status === 'FAILED'
      ? [retryOffer(pipelineName, executionId, stageRuns)]
      : []),
  ];
  return finishSummary(summary);
}

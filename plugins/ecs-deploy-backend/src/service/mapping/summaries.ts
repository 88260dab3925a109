import { DeploymentInfo } from '@aws-sdk/client-codedeploy';
import { PipelineExecutionSummary } from '@aws-sdk/client-codepipeline';
import { ServiceDeployment } from '@aws-sdk/client-ecs';
import {
  DeploymentSummary,
  DeploymentTrigger,
  TriggerKind,
  arnResourceId,
  formatDeploymentId,
  fromCodeDeployStatus,
  fromEcsServiceDeploymentStatus,
  fromPipelineStatus,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { TaskSetState } from '../model';
import { durationMs, iso } from './time';
import {
  parseImage,
  taskDefinitionFromAppSpec,
  taskDefinitionRef,
} from './taskDefinition';

function finish(summary: DeploymentSummary): DeploymentSummary {
  if (isActiveStatus(summary.status)) delete summary.endedAt;
  const d = durationMs(summary.startedAt, summary.endedAt);
  if (d !== undefined) summary.durationMs = d;
  return summary;
}

const CODEDEPLOY_CREATORS: Record<string, TriggerKind> = {
  user: 'user',
  autoscaling: 'autoscaling',
  autoscalingTermination: 'autoscaling',
  codeDeployRollback: 'rollback',
  // Not in the SDK's enum, but what a CodeDeployToECS pipeline action records.
  CodePipeline: 'pipeline',
  CloudFormationRollback: 'rollback',
};

/** A CodeDeploy deployment as a history entry. */
export function codeDeploySummary(
  environment: string,
  info: DeploymentInfo,
): DeploymentSummary {
  const rollbackInfo = info.rollbackInfo;
  const rolledBack = !!rollbackInfo?.rollbackDeploymentId;
  const status = fromCodeDeployStatus(info.status, { rolledBack });
  const to = taskDefinitionRef(
    taskDefinitionFromAppSpec(info.revision?.appSpecContent?.content),
  );
  const from = taskDefinitionRef(
    taskDefinitionFromAppSpec(info.previousRevision?.appSpecContent?.content),
  );
  const trigger: DeploymentTrigger = {
    kind: CODEDEPLOY_CREATORS[info.creator ?? ''] ?? 'unknown',
    ...(info.creator ? { actor: info.creator } : {}),
  };
  const summary: DeploymentSummary = {
    id: formatDeploymentId('codedeploy', info.deploymentId ?? ''),
    kind: 'codedeploy',
    environment,
    status,
    awsStatus: info.status ?? 'Unknown',
    controller: 'CODE_DEPLOY',
    startedAt: iso(info.createTime),
    endedAt: iso(info.completeTime),
    trigger,
    links: {},
  };
  if (from) summary.taskDefinitionFrom = from;
  if (to) summary.taskDefinitionTo = to;
  if (rolledBack || rollbackInfo?.rollbackTriggeringDeploymentId) {
    summary.rollback = {
      rolledBack,
      ...(rollbackInfo?.rollbackDeploymentId
        ? {
            byDeploymentId: formatDeploymentId(
              'codedeploy',
              rollbackInfo.rollbackDeploymentId,
            ),
          }
        : {}),
      ...(rollbackInfo?.rollbackTriggeringDeploymentId
        ? {
            ofDeploymentId: formatDeploymentId(
              'codedeploy',
              rollbackInfo.rollbackTriggeringDeploymentId,
            ),
          }
        : {}),
      ...(rollbackInfo?.rollbackMessage
        ? { message: rollbackInfo.rollbackMessage }
        : {}),
    };
  }
  if (info.errorInformation?.message) {
    summary.errorMessage = info.errorInformation.message;
  }
  return finish(summary);
}

/** Task definition and images of ECS service revisions, by revision ARN. */
export type RevisionIndex = Record<
  string,
  {
    taskDefinitionArn?: string;
    images: Array<{ containerName: string; image: string; digest?: string }>;
  }
>;

/** An ECS service deployment as a history entry. */
export function ecsSummary(
  environment: string,
  deployment: ServiceDeployment,
  controller: 'ECS' | 'EXTERNAL',
  revisions: RevisionIndex,
): DeploymentSummary {
  const waiting = (deployment.lifecycleHookDetails ?? []).some(
    h => h.status === 'AWAITING_ACTION',
  );
  const status = fromEcsServiceDeploymentStatus(deployment.status, {
    waiting,
    lifecycleStage: deployment.lifecycleStage,
  });
  const target = revisions[deployment.targetServiceRevision?.arn ?? ''];
  const source = revisions[deployment.sourceServiceRevisions?.[0]?.arn ?? ''];
  const image = target?.images[0];
  const parsed = image
    ? parseImage(image.containerName, image.image, image.digest)
    : undefined;
  const summary: DeploymentSummary = {
    id: formatDeploymentId(
      'ecs',
      arnResourceId(deployment.serviceDeploymentArn ?? ''),
    ),
    kind: 'ecs',
    environment,
    status,
    awsStatus: deployment.status ?? 'UNKNOWN',
    controller,
    startedAt: iso(deployment.createdAt ?? deployment.startedAt),
    endedAt: iso(deployment.finishedAt ?? deployment.stoppedAt),
    trigger: {
      kind: 'unknown',
      ...(parsed?.tag ? { imageTag: parsed.tag } : {}),
      ...(parsed?.digest ? { imageDigest: parsed.digest } : {}),
    },
    links: {},
  };
  const from = taskDefinitionRef(source?.taskDefinitionArn);
  const to = taskDefinitionRef(target?.taskDefinitionArn);
  if (from) summary.taskDefinitionFrom = from;
  if (to) summary.taskDefinitionTo = to;
  if (
    deployment.rollback ||
    status === 'ROLLED_BACK' ||
    status === 'ROLLING_BACK'
  ) {
    summary.rollback = {
      rolledBack: true,
      ...(deployment.rollback?.reason
        ? { message: deployment.rollback.reason }
        : {}),
    };
  }
  if (
    deployment.statusReason &&
    ['FAILED', 'ROLLED_BACK', 'ROLLING_BACK', 'STOPPED'].includes(status)
  ) {
    summary.errorMessage = deployment.statusReason;
  }
  return finish(summary);
}

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
  return finish(summary);
}

/** The history id of an EXTERNAL task set (`ecs-svc/123` → `ecs:ecs-svc.123`). */
export function taskSetHistoryId(taskSetId: string): string {
  return formatDeploymentId('ecs', taskSetId.replace(/\//g, '.'));
}

/**
 * An EXTERNAL service's task set as a history entry: AWS keeps no deployment
 * records for the EXTERNAL controller, its task sets are the deployments.
 * The primary one is what runs; an active one is being shifted to or away
 * from; a draining one is on its way out.
 */
export function taskSetSummary(
  environment: string,
  taskSet: TaskSetState,
): DeploymentSummary {
  const statuses: Record<string, DeploymentSummary['status']> = {
    PRIMARY: 'SUCCEEDED',
    ACTIVE: 'IN_PROGRESS',
    DRAINING: 'STOPPED',
  };
  const to = taskDefinitionRef(taskSet.taskDefinitionArn);
  const actor = taskSet.startedBy ?? taskSet.externalId;
  return finish({
    id: taskSetHistoryId(taskSet.id),
    kind: 'ecs',
    environment,
    status: statuses[taskSet.status] ?? 'UNKNOWN',
    awsStatus: taskSet.status,
    controller: 'EXTERNAL',
    startedAt: taskSet.createdAt,
    trigger: { kind: 'unknown', ...(actor ? { actor } : {}) },
    ...(to ? { taskDefinitionTo: to } : {}),
    links: {},
  });
}

import { ServiceDeployment } from '@aws-sdk/client-ecs';
import {
  DeploymentSummary,
  arnResourceId,
  formatDeploymentId,
  fromEcsServiceDeploymentStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { RevisionIndex } from '../../aws/state';
import { finishSummary } from '../../mapping/finishSummary';
import { parseImage, taskDefinitionRef } from '../../mapping/taskDefinition';
import { iso } from '../../mapping/time';
import { ecsOffers } from './offers';

/** An ECS service deployment as a history entry. */
export function ecsSummary(
  environment: string,
  deployment: ServiceDeployment,
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
    controller: 'ECS',
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
  summary.offers = ecsOffers(deployment, summary.id);
  return finishSummary(summary);
}

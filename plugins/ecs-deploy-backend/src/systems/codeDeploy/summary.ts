import { DeploymentInfo } from '@aws-sdk/client-codedeploy';
import {
  DeploymentSummary,
  DeploymentTrigger,
  TriggerKind,
  formatDeploymentId,
  fromCodeDeployStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { finishSummary } from '../../mapping/finishSummary';
import {
  taskDefinitionFromAppSpec,
  taskDefinitionRef,
} from '../../mapping/taskDefinition';
import { iso } from '../../mapping/time';
import { codeDeployOffers } from './offers';

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
  summary.offers = codeDeployOffers(info, summary.id);
  return finishSummary(summary);
}

import {
  DeploymentSummary,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { durationMs } from './time';

/** A summary's end and duration, only once it has ended. */
export function finishSummary(summary: DeploymentSummary): DeploymentSummary {
  if (isActiveStatus(summary.status)) delete summary.endedAt;
  const d = durationMs(summary.startedAt, summary.endedAt);
  if (d !== undefined) summary.durationMs = d;
  return summary;
}

import {
  approvalEndsAt,
  MINUTE,
  recordStoppedTasks,
  type DeployResult,
  type HistoryTarget,
} from './historyTarget';
import type { PlannedDeployment } from './plan';

/** A past ECS service deployment, imported as a finished record. */
export function importEcsDeployment(
  target: HistoryTarget,
  plan: PlannedDeployment,
  previous: number | undefined,
): DeployResult | undefined {
  if (plan.outcome === 'rejected') return undefined;
  const createdAt = approvalEndsAt(target, plan) + 5_000;
  const ok = plan.outcome === 'success';
  const finishedAt = createdAt + (ok ? 12 : 8) * MINUTE;
  let statusReason: string | undefined;
  if (plan.outcome === 'failure') {
    statusReason =
      'Service deployment rolled back because the circuit breaker threshold was exceeded.';
  } else if (plan.outcome === 'rollback') {
    statusReason = `Service deployment rolled back by ${plan.person}.`;
  }
  const arn = target.world.ecs.importServiceDeployment({
    accountId: target.accountId,
    region: target.region,
    cluster: target.cluster,
    service: target.service,
    taskDefinition: target.taskDefinitionArn(plan.revision),
    sourceTaskDefinition: previous
      ? target.taskDefinitionArn(previous)
      : undefined,
    status: ok ? 'SUCCESSFUL' : 'ROLLBACK_SUCCESSFUL',
    statusReason,
    createdAt,
    finishedAt,
  });
  if (plan.outcome === 'failure')
    recordStoppedTasks(target, plan, createdAt + 2 * MINUTE, arn);
  return {
    externalId: arn,
    summary: `Service ${target.service} updated to ${target
      .taskDefinitionArn(plan.revision)
      .split('/')
      .pop()}`,
    startedAt: createdAt,
    endedAt: finishedAt,
    ok,
    message: statusReason,
  };
}

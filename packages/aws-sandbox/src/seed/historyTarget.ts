import type { SandboxWorld } from '../world';
import type { PipelineRecord } from '../services/codepipeline/model';
import type { PlannedDeployment } from './plan';

/*
 * What the history importers share: the service and environment a history is
 * for, what importing one deployment yields, and the times and people all
 * records agree on.
 */

export const MINUTE = 60_000;

export const personArn = (accountId: string, person: string) =>
  `arn:aws:sts::${accountId}:assumed-role/backstage-ecs-deploy/${person}`;

/** @public */
export interface HistoryTarget {
  world: SandboxWorld;
  accountId: string;
  region: string;
  service: string;
  cluster: string;
  env: string;
  /** the env's pipeline (executions are attached to it) */
  pipeline?: PipelineRecord;
  repositoryUri: string;
  /** task definition ARN of a planned revision */
  taskDefinitionArn(revision: number): string;
  codeDeploy?: {
    applicationName: string;
    deploymentGroupName: string;
    deploymentConfigName: string;
    blueTargetGroup: string;
    greenTargetGroup: string;
    terminationWaitMinutes: number;
    containerName: string;
    containerPort: number;
  };
}

/** The outcome of one imported deployment, for its pipeline execution. */
export interface DeployResult {
  externalId?: string;
  summary?: string;
  startedAt: number;
  endedAt: number;
  ok: boolean;
  message?: string;
}

/** When the deployment itself starts: after the source stage and any approval. */
export function approvalEndsAt(
  target: HistoryTarget,
  plan: PlannedDeployment,
): number {
  const hasApproval = target.pipeline?.declaration.stages.some(s =>
    s.actions.some(a => a.actionTypeId.category === 'Approval'),
  );
  return (
    plan.startedAt + 20_000 + (hasApproval ? plan.approvalMinutes * MINUTE : 0)
  );
}

/** Two stopped tasks with the plan's failure reason and exit code. */
export function recordStoppedTasks(
  target: HistoryTarget,
  plan: PlannedDeployment,
  at: number,
  startedBy: string | undefined,
): void {
  for (let i = 0; i < 2; i++) {
    target.world.ecs.importStoppedTask({
      accountId: target.accountId,
      region: target.region,
      cluster: target.cluster,
      service: target.service,
      taskDefinition: target.taskDefinitionArn(plan.revision),
      stoppedReason: plan.failure!.reason,
      exitCode: plan.failure!.exitCode,
      startedAt: at + i * 20_000,
      stoppedAt: at + i * 20_000 + 45_000,
      startedBy,
    });
  }
}

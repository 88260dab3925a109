import type { SandboxWorld } from '../world';
import type { CodeDeployStore } from '../services/codedeploy/CodeDeployStore';
import { shiftMinutes } from '../services/codedeploy/configs';
import type { CodePipelineStore } from '../services/codepipeline/CodePipelineStore';
import type {
  ActionRun,
  ExecutionRecord,
  PipelineRecord,
  StageRun,
} from '../services/codepipeline/types';
import type { PlannedDeployment } from './plan';

/*
 * Turns planned past deployments into finished records, as AWS would show
 * them today: a pipeline execution per deployment (source, approval, deploy
 * actions) linked to the CodeDeploy deployment or ECS service deployment it
 * caused, failures with stopped tasks and exit codes, rollbacks.
 */

const MINUTE = 60_000;

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

/** @public */
export function appSpecFor(
  taskDefinitionArn: string,
  containerName: string,
  containerPort: number,
): string {
  return [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    `        TaskDefinition: "${taskDefinitionArn}"`,
    '        LoadBalancerInfo:',
    `          ContainerName: "${containerName}"`,
    `          ContainerPort: ${containerPort}`,
    '',
  ].join('\n');
}

const appSpecs = new WeakMap<HistoryTarget, Map<string, string>>();

/** Deployments of the same revision share one appspec string (big fleets). */
function cachedAppSpec(target: HistoryTarget, revision: number): string {
  const cd = target.codeDeploy!;
  const arn = target.taskDefinitionArn(revision);
  let cache = appSpecs.get(target);
  if (!cache) {
    cache = new Map();
    appSpecs.set(target, cache);
  }
  let spec = cache.get(arn);
  if (!spec) {
    spec = appSpecFor(arn, cd.containerName, cd.containerPort);
    cache.set(arn, spec);
  }
  return spec;
}

const personArn = (accountId: string, person: string) =>
  `arn:aws:sts::${accountId}:assumed-role/backstage-ecs-deploy/${person}`;

/**
 * Imports the plan's deployments, oldest first. Returns the revision of the
 * last successful one (what the service runs now), if any.
 *
 * @public
 */
export function importHistory(
  target: HistoryTarget,
  plans: PlannedDeployment[],
): number | undefined {
  const codedeploy = target.world.stores.codedeploy as CodeDeployStore;
  const pipelines = target.world.stores.codepipeline as CodePipelineStore;
  let lastGood: number | undefined;
  for (const plan of plans) {
    const previous = lastGood;
    const deploy = target.codeDeploy
      ? importCodeDeploy(target, codedeploy, plan, previous)
      : importEcsDeployment(target, plan, previous);
    if (target.pipeline) {
      pipelines.importExecution(
        target.pipeline,
        executionFor(target, pipelines, plan, deploy),
      );
    }
    if (plan.outcome === 'success') lastGood = plan.revision;
  }
  return lastGood;
}

interface DeployResult {
  externalId?: string;
  summary?: string;
  startedAt: number;
  endedAt: number;
  ok: boolean;
  message?: string;
}

function approvalEndsAt(
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

function importCodeDeploy(
  target: HistoryTarget,
  store: CodeDeployStore,
  plan: PlannedDeployment,
  previous: number | undefined,
): DeployResult | undefined {
  if (plan.outcome === 'rejected') return undefined;
  const cd = target.codeDeploy!;
  const createTime = approvalEndsAt(target, plan) + 5_000;
  const config = store.findConfig(target, cd.deploymentConfigName);
  const shift = shiftMinutes(config?.trafficRoutingConfig);
  const installed = createTime + 2 * MINUTE;
  let completeTime =
    installed + shift * MINUTE + cd.terminationWaitMinutes * MINUTE;
  const appSpec = (revision: number) => cachedAppSpec(target, revision);
  const base = {
    accountId: target.accountId,
    region: target.region,
    applicationName: cd.applicationName,
    deploymentGroupName: cd.deploymentGroupName,
    deploymentConfigName: cd.deploymentConfigName,
    creator: 'CodePipeline',
    description: `Deployment from pipeline ${
      target.pipeline?.name ?? ''
    }`.trim(),
    createTime,
    startTime: createTime + 2_000,
    appSpecContent: appSpec(plan.revision),
    previousAppSpecContent: previous ? appSpec(previous) : undefined,
    taskDefinition: target.taskDefinitionArn(plan.revision),
    clusterName: target.cluster,
    serviceName: target.service,
    blueTargetGroup: cd.blueTargetGroup,
    greenTargetGroup: cd.greenTargetGroup,
    testTrafficWeight: 0,
  };
  if (plan.outcome === 'success') {
    const d = store.importDeployment({
      ...base,
      status: 'Succeeded',
      completeTime,
      trafficWeight: 100,
      instanceTerminationWaitTimeStarted: true,
    });
    return {
      externalId: d.deploymentId,
      startedAt: createTime,
      endedAt: completeTime,
      ok: true,
    };
  }
  const failed = plan.outcome === 'failure';
  completeTime = failed
    ? installed + MINUTE
    : installed + Math.max(1, shift / 2) * MINUTE;
  const deploymentId = store.nextId();
  const rollbackId = store.nextId();
  const message = failed
    ? `The ECS service cannot reach a steady state: replacement tasks stopped (${
        plan.failure!.reason
      })`
    : 'The deployment was stopped by the user.';
  store.importDeployment({
    ...base,
    deploymentId,
    status: failed ? 'Failed' : 'Stopped',
    completeTime,
    trafficWeight: 0,
    errorInformation: failed
      ? {
          code:
            plan.failure!.event === 'Install'
              ? 'ECS_UPDATE_ERROR'
              : 'HOOK_EXECUTION_FAILURE',
          message,
        }
      : { code: 'MANUAL_STOP', message },
    failure: plan.failure,
    failedTaskExitCode: plan.failure?.exitCode,
    rollbackInfo: {
      rollbackDeploymentId: rollbackId,
      rollbackMessage: `${
        failed ? 'Deployment failed' : `Deployment stopped by ${plan.person}`
      }. The deployment was rolled back by deployment ${rollbackId}.`,
    },
  });
  store.importDeployment({
    ...base,
    deploymentId: rollbackId,
    creator: 'codeDeployRollback',
    description: `Rollback of ${deploymentId}`,
    status: 'Succeeded',
    createTime: completeTime,
    startTime: completeTime,
    completeTime: completeTime + 30_000,
    appSpecContent: base.previousAppSpecContent ?? base.appSpecContent,
    previousAppSpecContent: undefined,
    trafficWeight: 0,
    rollbackInfo: {
      rollbackTriggeringDeploymentId: deploymentId,
      rollbackMessage: `Rollback deployment for ${deploymentId}`,
    },
  });
  if (failed) recordStoppedTasks(target, plan, installed, deploymentId);
  return {
    externalId: deploymentId,
    startedAt: createTime,
    endedAt: completeTime,
    ok: false,
    message,
  };
}

function importEcsDeployment(
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
  const arn = target.world.ecs.importServiceDeployment?.({
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
    // without an imported service deployment there is nothing to point at
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

function recordStoppedTasks(
  target: HistoryTarget,
  plan: PlannedDeployment,
  at: number,
  startedBy: string | undefined,
): void {
  for (let i = 0; i < 2; i++) {
    target.world.ecs.importStoppedTask?.({
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

function executionFor(
  target: HistoryTarget,
  pipelines: CodePipelineStore,
  plan: PlannedDeployment,
  deploy: DeployResult | undefined,
): Omit<ExecutionRecord, 'pipelineExecutionId'> {
  const pipeline = target.pipeline!;
  const stages: StageRun[] = [];
  const actions: ActionRun[] = [];
  const shortSha = plan.commitId.slice(0, 7);
  let at = plan.startedAt;
  let failure: string | undefined;
  const run = (
    stageName: string,
    actionName: string,
    start: number,
    end: number,
    status: ActionRun['status'],
    extra: Partial<ActionRun> = {},
  ) =>
    actions.push({
      actionExecutionId: pipelines.newId('action'),
      stageName,
      actionName,
      runOrder: 1,
      status,
      startTime: start,
      lastUpdateTime: end,
      ...extra,
    });

  for (const stage of pipeline.declaration.stages) {
    if (failure) break;
    const start = at;
    let end = start;
    let stageOk = true;
    for (const action of stage.actions) {
      const type = action.actionTypeId;
      if (type.category === 'Source' && type.provider === 'ECR') {
        end = start + 10_000;
        run(stage.name, action.name, start, end, 'Succeeded', {
          externalExecutionId: plan.imageDigest,
          externalExecutionSummary: `Image ${target.service}:${target.env}`,
          outputVariables: {
            ImageDigest: plan.imageDigest,
            ImageTag: target.env,
            ImageURI: `${target.repositoryUri}@${plan.imageDigest}`,
            RepositoryName: target.service,
            RegistryId: target.repositoryUri.split('.')[0],
          },
        });
      } else if (type.category === 'Source') {
        end = start + 10_000;
        run(stage.name, action.name, start, end, 'Succeeded', {
          externalExecutionId: plan.commitId,
          externalExecutionSummary: `Release ${shortSha}`,
          outputVariables: { CommitId: plan.commitId, BranchName: 'main' },
        });
      } else if (type.category === 'Approval') {
        end = start + plan.approvalMinutes * MINUTE;
        const approved = plan.outcome !== 'rejected';
        run(
          stage.name,
          action.name,
          start,
          end,
          approved ? 'Succeeded' : 'Failed',
          {
            updatedBy: personArn(target.accountId, plan.person),
            summary: approved
              ? `Approved ${shortSha} for ${target.env}`
              : 'Not during the sale freeze',
            errorDetails: approved
              ? undefined
              : {
                  code: 'JobFailed',
                  message: `Rejected by ${plan.person}: Not during the sale freeze`,
                },
          },
        );
        if (!approved) {
          stageOk = false;
          failure = `Rejected by ${plan.person}`;
        }
      } else if (type.category === 'Deploy' && deploy) {
        end = Math.max(start, deploy.endedAt);
        run(
          stage.name,
          action.name,
          start,
          end,
          deploy.ok ? 'Succeeded' : 'Failed',
          {
            externalExecutionId: deploy.externalId,
            externalExecutionSummary: deploy.ok
              ? deploy.summary ?? `Deployment ${deploy.externalId} succeeded`
              : deploy.message,
            errorDetails: deploy.ok
              ? undefined
              : {
                  code: 'JobFailed',
                  message: deploy.message ?? 'Deployment failed',
                },
          },
        );
        if (!deploy.ok) {
          stageOk = false;
          failure = deploy.message ?? 'Deployment failed';
        }
      } else {
        end = start + 90_000;
        run(stage.name, action.name, start, end, 'Succeeded');
      }
    }
    stages.push({
      stageName: stage.name,
      status: stageOk ? 'Succeeded' : 'Failed',
      startTime: start,
      endTime: end,
      runOrder: 1,
    });
    at = end;
  }

  const sourceRevisions = actions
    .filter(a => a.stageName === pipeline.declaration.stages[0].name)
    .map(a => ({
      actionName: a.actionName,
      revisionId: a.externalExecutionId,
      revisionSummary: a.outputVariables?.ImageTag
        ? `Image tag: ${a.outputVariables.ImageTag}`
        : a.externalExecutionSummary,
    }));
  return {
    accountId: pipeline.accountId,
    region: pipeline.region,
    pipelineName: pipeline.name,
    pipelineVersion: pipeline.declaration.version ?? 1,
    status: failure ? 'Failed' : 'Succeeded',
    statusSummary: failure,
    startTime: plan.startedAt,
    lastUpdateTime: at,
    trigger:
      plan.trigger === 'CloudWatchEvent'
        ? {
            triggerType: 'CloudWatchEvent',
            triggerDetail: `arn:aws:events:${pipeline.region}:${pipeline.accountId}:rule/codepipeline-${pipeline.name}-ecr-${target.service}`,
          }
        : {
            triggerType: 'StartPipelineExecution',
            triggerDetail: personArn(pipeline.accountId, plan.person),
          },
    executionMode: pipeline.declaration.executionMode ?? 'SUPERSEDED',
    sourceRevisions,
    stageIndex: stages.length - 1,
    waiting: false,
    stages,
    actions,
    artifacts: {},
  };
}

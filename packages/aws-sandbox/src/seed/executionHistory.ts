import type { CodePipelineStore } from '../services/codepipeline/CodePipelineStore';
import type {
  ActionRun,
  ExecutionRecord,
  StageRun,
} from '../services/codepipeline/model';
import {
  MINUTE,
  personArn,
  type DeployResult,
  type HistoryTarget,
} from './historyTarget';
import type { PlannedDeployment } from './plan';

/** The finished pipeline execution of a past deployment: source, approval and deploy action runs. */
export function executionFor(
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

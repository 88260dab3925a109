import { DeploymentDetail } from '@ecs-deploy/plugin-ecs-deploy-common';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { entryNotFound } from '../../history/entryNotFound';
import { ReadContext } from '../../reads/ReadContext';
import { linkPipelines } from './links';
import { pipelineStages } from './stages';
import { pipelineSummary } from './summary';

/** A pipeline execution with its stages and the deployments it started. */
export async function pipelineDetail(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  loading: Promise<LoadedEnvironment>,
  id: string,
  executionId: string,
): Promise<DeploymentDetail> {
  // A pipeline execution needs nothing of the service, but not an
  // environment that cannot be read.
  await loading;
  const pipeline = env.pipeline;
  if (!pipeline) throw entryNotFound(id, env.name);
  const [execution, actions, waitState] = await Promise.all([
    ctx.aws.codePipeline.execution(pipeline, executionId),
    ctx.aws.codePipeline.actionExecutionsOf(pipeline, executionId),
    ctx.aws.codePipeline.waitState(pipeline),
  ]);
  const starts = actions.flatMap(a =>
    a.startTime ? [a.startTime.getTime()] : [],
  );
  const ends = actions.flatMap(a =>
    a.lastUpdateTime ? [a.lastUpdateTime.getTime()] : [],
  );
  const deployment = pipelineSummary(
    env.name,
    pipeline.name,
    {
      pipelineExecutionId: execution.pipelineExecutionId ?? executionId,
      status: execution.status,
      statusSummary: execution.statusSummary,
      trigger: execution.trigger,
      rollbackMetadata: execution.rollbackMetadata,
      ...(starts.length ? { startTime: new Date(Math.min(...starts)) } : {}),
      ...(ends.length ? { lastUpdateTime: new Date(Math.max(...ends)) } : {}),
      sourceRevisions: (execution.artifactRevisions ?? []).map(r => ({
        actionName: r.name ?? '',
        revisionId: r.revisionId,
        revisionSummary: r.revisionSummary,
      })),
    },
    waitState.waitingExecutionIds.includes(executionId),
    waitState.stageRuns,
  );
  await linkPipelines(ctx, [env], [deployment]);
  return {
    deployment,
    lifecycleEvents: [],
    statusMessages: execution.statusSummary ? [execution.statusSummary] : [],
    targets: [],
    pipeline: {
      name: pipeline.name,
      executionId,
      stages: pipelineStages(actions),
    },
  };
}

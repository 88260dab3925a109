import { ListActionExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DeploymentDetail,
  LifecycleEvent,
  fromEcsHookStatus,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { callAws } from '../aws/callAws';
import {
  batchGetDeployments,
  getDeploymentTargets,
} from '../aws/codeDeployReads';
import {
  describeServiceDeployments,
  describeServiceRevisions,
  serviceDeploymentArn,
} from '../aws/ecsReads';
import {
  getPipelineExecution,
  getPipelineWaitState,
  listActionExecutions,
} from '../aws/pipelineReads';
import { ReadContext } from '../aws/ReadContext';
import { LoadedEnvironment } from '../EnvironmentContext';
import { deploymentIdOfAction, linkPipelines } from '../history/linkPipelines';
import { mapCodeDeployTarget } from '../mapping/codeDeployTarget';
import { pipelineStages } from '../mapping/pipelineStages';
import {
  codeDeploySummary,
  ecsSummary,
  pipelineSummary,
  taskSetHistoryId,
  taskSetSummary,
} from '../mapping/summaries';
import { iso } from '../mapping/time';

function notHere(id: string, environment: string) {
  return new NotFoundError(
    `Deployment ${id} is not a deployment of environment ${environment} of this entity`,
  );
}

/**
 * Finds the pipeline execution that started a deployment, among the
 * pipeline's recent action executions (one call), with its stages.
 */
async function pipelineOf(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
  deploymentId: string,
): Promise<DeploymentDetail['pipeline'] | undefined> {
  const pipeline = loaded.env.pipeline;
  if (!pipeline) return undefined;
  const { codePipeline } = await ctx.clients.forResource({
    accountId: pipeline.accountId,
    region: pipeline.region,
  });
  const recent = await callAws(
    () =>
      codePipeline.send(
        new ListActionExecutionsCommand({
          pipelineName: pipeline.name,
          maxResults: 100,
        }),
      ),
    { resource: pipeline.arn },
  );
  const starter = recent.actionExecutionDetails?.find(
    a => deploymentIdOfAction(a) === deploymentId,
  );
  if (!starter?.pipelineExecutionId) return undefined;
  const executionId = starter.pipelineExecutionId;
  const actions = recent.actionExecutionDetails!.filter(
    a => a.pipelineExecutionId === executionId,
  );
  return {
    name: pipeline.name,
    executionId,
    stages: pipelineStages(actions),
  };
}

async function codeDeployDetail(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
  id: string,
  awsId: string,
): Promise<DeploymentDetail> {
  const { env, codeDeploy } = loaded;
  if (!codeDeploy) throw notHere(id, env.name);
  const location = { accountId: env.accountId, region: env.region };
  const [infos, targets, pipeline] = await Promise.all([
    batchGetDeployments(ctx, location, [awsId]),
    getDeploymentTargets(ctx, location, awsId).catch(() => []),
    pipelineOf(ctx, loaded, id),
  ]);
  const info = infos[0];
  // The id comes from the client: only a deployment of this environment's
  // own deployment group may be shown.
  if (
    !info ||
    info.applicationName !== codeDeploy.application ||
    info.deploymentGroupName !== codeDeploy.deploymentGroup
  ) {
    throw notHere(id, env.name);
  }
  const deployment = codeDeploySummary(env.name, info);
  const mappedTargets = targets.map(mapCodeDeployTarget);
  if (pipeline) {
    deployment.links.pipelineExecutionId = `pipeline:${pipeline.executionId}`;
    deployment.trigger = {
      ...deployment.trigger,
      kind: deployment.trigger.kind === 'rollback' ? 'rollback' : 'pipeline',
      actor: pipeline.name,
    };
  }
  return {
    deployment,
    lifecycleEvents: mappedTargets[0]?.lifecycleEvents ?? [],
    statusMessages: [
      ...(info.deploymentStatusMessages ?? []),
      ...(info.additionalDeploymentStatusInfo
        ? [info.additionalDeploymentStatusInfo]
        : []),
      ...(info.errorInformation?.message
        ? [
            `${info.errorInformation.code ?? 'Error'}: ${
              info.errorInformation.message
            }`,
          ]
        : []),
    ],
    targets: mappedTargets,
    ...(pipeline ? { pipeline } : {}),
  };
}

async function ecsDetail(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
  id: string,
  awsId: string,
): Promise<DeploymentDetail> {
  const { env, service } = loaded;
  if (!env.service || !service || service.controller === 'CODE_DEPLOY') {
    throw notHere(id, env.name);
  }
  if (service.controller === 'EXTERNAL') return taskSetDetail(loaded, id);
  const arn = serviceDeploymentArn(env.service, awsId);
  const [[raw], pipeline] = await Promise.all([
    describeServiceDeployments(ctx, env.service, [arn]),
    pipelineOf(ctx, loaded, id),
  ]);
  if (!raw || raw.serviceArn !== service.arn) throw notHere(id, env.name);
  const revisionArns = [
    ...(raw.sourceServiceRevisions ?? []),
    ...(raw.targetServiceRevision ? [raw.targetServiceRevision] : []),
  ].flatMap(r => (r.arn ? [r.arn] : []));
  const revisions = await describeServiceRevisions(
    ctx,
    env.service,
    revisionArns,
  );
  const deployment = ecsSummary(env.name, raw, service.controller, revisions);
  if (pipeline) {
    deployment.links.pipelineExecutionId = `pipeline:${pipeline.executionId}`;
    deployment.trigger = {
      ...deployment.trigger,
      kind: 'pipeline',
      actor: pipeline.name,
    };
  }
  const events: LifecycleEvent[] = [];
  if (raw.lifecycleStage) {
    events.push({
      name: raw.lifecycleStage,
      status: deployment.status,
      awsStatus: raw.status ?? 'UNKNOWN',
      ...(iso(raw.updatedAt) ? { startedAt: iso(raw.updatedAt) } : {}),
    });
  }
  for (const hook of raw.lifecycleHookDetails ?? []) {
    events.push({
      name: `hook ${hook.hookId ?? ''} (${hook.targetType ?? 'PAUSE'})`,
      status: fromEcsHookStatus(hook.status),
      awsStatus: hook.status ?? 'UNKNOWN',
      ...(hook.expiresAt
        ? {
            message: `expires at ${iso(hook.expiresAt)}, then ${
              hook.timeoutAction ?? 'continues'
            }`,
          }
        : {}),
    });
  }
  return {
    deployment,
    lifecycleEvents: events,
    statusMessages: [
      ...(raw.statusReason ? [raw.statusReason] : []),
      ...(raw.rollback?.reason ? [`Rollback: ${raw.rollback.reason}`] : []),
      ...(raw.deploymentCircuitBreaker?.status
        ? [
            `Circuit breaker ${raw.deploymentCircuitBreaker.status}: ${
              raw.deploymentCircuitBreaker.failureCount ?? 0
            }/${raw.deploymentCircuitBreaker.threshold ?? '?'} failed tasks`,
          ]
        : []),
    ],
    targets: [],
    ...(raw.lifecycleStage ? { lifecycleStage: raw.lifecycleStage } : {}),
    ...(pipeline ? { pipeline } : {}),
  };
}

/** An EXTERNAL task set's detail: the task set as its only target. */
function taskSetDetail(
  loaded: LoadedEnvironment,
  id: string,
): DeploymentDetail {
  const { env, service } = loaded;
  const taskSet = service!.taskSets.find(t => taskSetHistoryId(t.id) === id);
  if (!taskSet) throw notHere(id, env.name);
  const deployment = taskSetSummary(env.name, taskSet);
  const label = taskSet.status === 'PRIMARY' ? 'PRIMARY' : 'ACTIVE';
  return {
    deployment,
    lifecycleEvents: [],
    statusMessages: [],
    targets: [
      {
        id: taskSet.id,
        status: deployment.status,
        awsStatus: taskSet.status,
        lifecycleEvents: [],
        taskSets: [
          {
            id: taskSet.id,
            label: taskSet.status === 'DRAINING' ? 'DRAINING' : label,
            status: taskSet.status,
            runningCount: taskSet.runningCount,
            desiredCount: taskSet.desiredCount,
            pendingCount: taskSet.pendingCount,
            ...(deployment.taskDefinitionTo
              ? { taskDefinition: deployment.taskDefinitionTo }
              : {}),
          },
        ],
      },
    ],
  };
}

async function pipelineDetail(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
  id: string,
  executionId: string,
): Promise<DeploymentDetail> {
  const { env } = loaded;
  const pipeline = env.pipeline;
  if (!pipeline) throw notHere(id, env.name);
  const [execution, actions, waitState] = await Promise.all([
    getPipelineExecution(ctx, pipeline, executionId),
    listActionExecutions(ctx, pipeline, executionId),
    getPipelineWaitState(ctx, pipeline),
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

/** The detail of one history entry of an environment. */
export async function readDeploymentDetail(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
  id: string,
): Promise<DeploymentDetail> {
  const parsed = parseDeploymentId(id);
  if (!parsed) {
    throw new InputError(
      `deploymentId: '${id}' is not a deployment id from the history (codedeploy:…, ecs:… or pipeline:…)`,
    );
  }
  switch (parsed.kind) {
    case 'codedeploy':
      return codeDeployDetail(ctx, loaded, id, parsed.awsId);
    case 'ecs':
      return ecsDetail(ctx, loaded, id, parsed.awsId);
    default:
      return pipelineDetail(ctx, loaded, id, parsed.awsId);
  }
}

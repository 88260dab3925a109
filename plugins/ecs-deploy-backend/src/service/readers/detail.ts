import { InputError, NotFoundError } from '@backstage/errors';
import {
  DeploymentDetail,
  DeploymentSummary,
  LifecycleEvent,
  isActiveStatus,
  fromEcsHookStatus,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { batchGetDeployments, deploymentTargets } from '../aws/codeDeployReads';
import {
  describeServiceDeployments,
  describeServiceRevisions,
  serviceDeploymentArn,
} from '../aws/ecsReads';
import {
  getPipelineExecution,
  getPipelineWaitState,
  listActionExecutions,
  listRecentActionExecutions,
} from '../aws/pipelineReads';
import { ReadContext } from '../aws/ReadContext';
import { LoadedEnvironment } from '../EnvironmentContext';
import { deploymentIdOfAction } from '../history/deploymentIdOfAction';
import { linkPipelines } from '../history/linkPipelines';
import { pipelineStages } from '../mapping/pipelineStages';
import {
  codeDeploySummary,
  ecsSummary,
  pipelineSummary,
  taskSetHistoryId,
  taskSetSummary,
} from '../mapping/summaries';
import { iso } from '../mapping/time';
import { summaryTtl } from '../cachedBatch';
import { ResolvedEnvironment } from '../model';

function notHere(id: string, environment: string) {
  return new NotFoundError(
    `Deployment ${id} is not a deployment of environment ${environment} of this entity`,
  );
}

/**
 * Finds the pipeline execution that started a deployment, among the
 * pipeline's recent action executions (one call), with its stages. Cached:
 * briefly while a stage moves or when not found, long once finished.
 */
async function pipelineOf(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  deploymentId: string,
): Promise<DeploymentDetail['pipeline'] | undefined> {
  const pipeline = env.pipeline;
  if (!pipeline) return undefined;
  const found = await ctx.cache.get(
    `codepipeline:starter:${pipeline.arn}:${deploymentId}`,
    async (): Promise<{ pipeline?: DeploymentDetail['pipeline'] }> => {
      const recent = await listRecentActionExecutions(ctx, pipeline, undefined);
      const starter = recent.actions.find(
        a => deploymentIdOfAction(a) === deploymentId,
      );
      if (!starter?.pipelineExecutionId) return {};
      const executionId = starter.pipelineExecutionId;
      const actions = recent.actions.filter(
        a => a.pipelineExecutionId === executionId,
      );
      return {
        pipeline: {
          name: pipeline.name,
          executionId,
          stages: pipelineStages(actions),
        },
      };
    },
    value =>
      value.pipeline &&
      !value.pipeline.stages.some(stage => isActiveStatus(stage.status))
        ? ctx.ttl.finished
        : ctx.ttl.active,
  );
  return found.pipeline;
}

/** What the detail shows of a CodeDeploy deployment, cached by its status. */
async function codeDeployDeployment(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  awsId: string,
) {
  const location = { accountId: env.accountId, region: env.region };
  return ctx.cache.get(
    `codedeploy:detail:${env.accountId}:${env.region}:${env.name}:${awsId}`,
    async () => {
      const [info] = await batchGetDeployments(ctx, location, [awsId]);
      if (!info) return {};
      return {
        found: {
          application: info.applicationName,
          deploymentGroup: info.deploymentGroupName,
          summary: codeDeploySummary(env.name, info),
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
        },
      };
    },
    value =>
      value.found ? summaryTtl(ctx, value.found.summary) : ctx.ttl.active,
  );
}

async function codeDeployDetail(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  loading: Promise<LoadedEnvironment>,
  id: string,
  awsId: string,
): Promise<DeploymentDetail> {
  const location = { accountId: env.accountId, region: env.region };
  // The id says CodeDeploy: read it while the service and its group load.
  const [{ found }, targets, pipeline, { codeDeploy }] = await Promise.all([
    codeDeployDeployment(ctx, env, awsId),
    deploymentTargets(ctx, location, awsId).catch(() => []),
    pipelineOf(ctx, env, id),
    loading,
  ]);
  // The id comes from the client: only a deployment of this environment's
  // own deployment group may be shown.
  if (
    !found ||
    !codeDeploy ||
    found.application !== codeDeploy.application ||
    found.deploymentGroup !== codeDeploy.deploymentGroup
  ) {
    throw notHere(id, env.name);
  }
  const deployment = structuredClone(found.summary) as DeploymentSummary;
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
    lifecycleEvents: targets[0]?.lifecycleEvents ?? [],
    statusMessages: found.statusMessages,
    targets,
    ...(pipeline ? { pipeline } : {}),
  };
}

async function ecsDetail(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  loading: Promise<LoadedEnvironment>,
  id: string,
  awsId: string,
): Promise<DeploymentDetail> {
  if (!env.service) throw notHere(id, env.name);
  // Read the deployment while the service loads; used only if it is ECS's.
  const rawRead = describeServiceDeployments(ctx, env.service, [
    serviceDeploymentArn(env.service, awsId),
  ]);
  rawRead.catch(() => undefined);
  const pipelineRead = pipelineOf(ctx, env, id);
  pipelineRead.catch(() => undefined);
  const loaded = await loading;
  const { service } = loaded;
  if (!service || service.controller === 'CODE_DEPLOY') {
    throw notHere(id, env.name);
  }
  if (service.controller === 'EXTERNAL') return taskSetDetail(loaded, id);
  const [[raw], pipeline] = await Promise.all([rawRead, pipelineRead]);
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
  env: ResolvedEnvironment,
  id: string,
  executionId: string,
): Promise<DeploymentDetail> {
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

/**
 * The detail of one history entry of an environment. `loading` is the
 * environment's service state, still being read: the reads the id alone
 * allows start at once, the checks that need the service wait for it.
 */
export async function readDeploymentDetail(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  loading: Promise<LoadedEnvironment>,
  id: string,
): Promise<DeploymentDetail> {
  // Awaited below on every path that reaches AWS; never left unhandled.
  loading.catch(() => undefined);
  const parsed = parseDeploymentId(id);
  if (!parsed) {
    throw new InputError(
      `deploymentId: '${id}' is not a deployment id from the history (codedeploy:…, ecs:… or pipeline:…)`,
    );
  }
  switch (parsed.kind) {
    case 'codedeploy':
      return codeDeployDetail(ctx, env, loading, id, parsed.awsId);
    case 'ecs':
      return ecsDetail(ctx, env, loading, id, parsed.awsId);
    default:
      // A pipeline execution needs nothing of the service.
      await loading;
      return pipelineDetail(ctx, env, id, parsed.awsId);
  }
}

import {
  DeploymentSummary,
  PipelineRef,
  formatDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../../aws/cacheKeys';
import { classOfStatus } from '../../cache/ClassedCache';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { ReadContext } from '../../reads/ReadContext';
import {
  covers,
  deploymentsOfExecution,
  executionOfDeployment,
  pipelineActionIndex,
} from './actionIndex';
import { deploymentIdOfAction } from './deploymentIdOfAction';

const executionIdOf = (execution: DeploymentSummary) =>
  execution.id.slice('pipeline:'.length);

const linkKey = (pipeline: PipelineRef, execution: DeploymentSummary) =>
  cacheKeys.pipelineLinks(pipeline.arn, executionIdOf(execution));

const wantedOf = (executions: DeploymentSummary[]) =>
  executions.map(e => ({
    executionId: executionIdOf(e),
    startedAt: e.startedAt,
  }));

/**
 * Starts reading the links of executions about to be shown, unless cached:
 * the history asks for them only after merging its streams, one level of
 * AWS calls later than it could.
 */
export function prefetchLinks(
  ctx: ReadContext,
  pipeline: PipelineRef,
  executions: DeploymentSummary[],
): void {
  Promise.all(executions.map(e => ctx.cache.peek(linkKey(pipeline, e))))
    .then(known => {
      const missing = executions.filter((_, i) => !known[i]);
      return missing.length
        ? pipelineActionIndex(ctx, pipeline, wantedOf(missing))
        : undefined;
    })
    .catch(() => undefined);
}

/** Deployment ids one execution started, asking CodePipeline for it alone. */
async function askForExecution(
  ctx: ReadContext,
  pipeline: PipelineRef,
  executionId: string,
): Promise<string[]> {
  const actions = await ctx.aws.codePipeline.actionExecutionsOf(
    pipeline,
    executionId,
  );
  return actions.flatMap(a => {
    const id = deploymentIdOfAction(a);
    return id ? [id] : [];
  });
}

/**
 * Deployment ids started by each execution (of one pipeline), cached per
 * execution: long when finished, briefly while it runs. The misses come from
 * the pipeline's action index (one call for dozens of executions); only
 * executions older than the index reaches are asked for one by one.
 */
export async function deploymentsOfExecutions(
  ctx: ReadContext,
  pipeline: PipelineRef,
  executions: DeploymentSummary[],
): Promise<string[][]> {
  const key = (e: DeploymentSummary) => linkKey(pipeline, e);
  const known = await Promise.all(
    executions.map(e => ctx.cache.peek<string[]>(key(e))),
  );
  const missing = executions.filter((_, i) => !known[i]);
  if (!missing.length) return known as string[][];
  const index = await pipelineActionIndex(ctx, pipeline, wantedOf(missing));
  return Promise.all(
    executions.map(async (execution, i) => {
      if (known[i]) return known[i]!;
      const executionId = executionIdOf(execution);
      const links = covers(index, executionId, execution.startedAt)
        ? deploymentsOfExecution(index, executionId)
        : await askForExecution(ctx, pipeline, executionId);
      await ctx.cache.put(
        key(execution),
        links,
        classOfStatus(execution.status),
      );
      return links;
    }),
  );
}

/**
 * How long before a deployment the deploy action that created it may have
 * started (the action starts, then asks CodeDeploy or ECS to deploy).
 */
const ACTION_BEFORE_DEPLOYMENT_MS = 15 * 60_000;

/**
 * Most list pages of actions one history request may read to know which
 * deployments executions started: enough for a page walked in order, and
 * a deep cursor on a cold cache still answers (some 400 executions back).
 */
const MAX_INDEX_PAGES_FOR_RELEASES = 20;

/**
 * The pipeline execution (`pipeline:<id>`) that started each deployment,
 * or undefined when none did: from the pipeline's action index, read back
 * to the deploy actions of the oldest of them. Deployments further back
 * than the index may read in one request are taken as started by none.
 */
export async function executionsOfDeployments(
  ctx: ReadContext,
  pipeline: PipelineRef,
  deployments: DeploymentSummary[],
): Promise<Array<string | undefined>> {
  if (!deployments.length) return [];
  const since =
    Math.min(
      ...deployments.map(d => (d.startedAt ? Date.parse(d.startedAt) : 0)),
    ) - ACTION_BEFORE_DEPLOYMENT_MS;
  const index = await pipelineActionIndex(ctx, pipeline, [], {
    since,
    maxExtraPages: MAX_INDEX_PAGES_FOR_RELEASES,
  });
  return deployments.map(d => {
    const executionId = executionOfDeployment(index, d.id);
    return executionId === undefined
      ? undefined
      : formatDeploymentId('pipeline', executionId);
  });
}

/**
 * Links the pipeline executions of a page to the deployments their deploy
 * actions started, both ways, and marks those deployments as pipeline
 * triggered with the execution's commit and image.
 */
export async function linkPipelines(
  ctx: ReadContext,
  envs: ResolvedEnvironment[],
  items: DeploymentSummary[],
): Promise<void> {
  const envByName = new Map(envs.map(e => [e.name, e]));
  const executions = items.filter(
    i => i.kind === 'pipeline' && envByName.get(i.environment)?.pipeline,
  );
  const byEnvironment = new Map<string, DeploymentSummary[]>();
  for (const e of executions) {
    byEnvironment.set(e.environment, [
      ...(byEnvironment.get(e.environment) ?? []),
      e,
    ]);
  }
  const byDeployment = new Map<string, DeploymentSummary>();
  await Promise.all(
    [...byEnvironment].map(async ([name, ofEnv]) => {
      const links = await deploymentsOfExecutions(
        ctx,
        envByName.get(name)!.pipeline!,
        ofEnv,
      );
      ofEnv.forEach((execution, i) => {
        if (!links[i].length) return;
        execution.links.deploymentIds = [...links[i]];
        for (const id of links[i]) byDeployment.set(id, execution);
      });
    }),
  );
  for (const item of items) {
    const execution = byDeployment.get(item.id);
    if (!execution || item.kind === 'pipeline') continue;
    item.links.pipelineExecutionId = execution.id;
    if (item.trigger.kind !== 'rollback') {
      item.trigger = {
        ...item.trigger,
        kind: 'pipeline',
        actor: execution.pipelineName,
        commitId: item.trigger.commitId ?? execution.trigger.commitId,
        appCommitId: item.trigger.appCommitId ?? execution.trigger.appCommitId,
        imageDigest: item.trigger.imageDigest ?? execution.trigger.imageDigest,
        imageTag: item.trigger.imageTag ?? execution.trigger.imageTag,
      };
      for (const k of [
        'commitId',
        'appCommitId',
        'imageDigest',
        'imageTag',
      ] as const) {
        if (item.trigger[k] === undefined) delete item.trigger[k];
      }
    }
  }
}

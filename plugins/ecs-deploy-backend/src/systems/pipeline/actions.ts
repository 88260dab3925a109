import { GetPipelineStateOutput } from '@aws-sdk/client-codepipeline';
import { ConflictError, InputError } from '@backstage/errors';
import { PipelineRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  ActionAttempt,
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
} from '../../actions/types';
import { stageRunsOf, waitingApprovals } from '../../aws/mapping/pipelineState';
import {
  RECENT_EXECUTIONS,
  approvalOfAnother,
  noApprovalWaiting,
  retryRefusal,
  staleApproval,
  startRefusal,
} from './preconditions';

/** CodePipeline caps an approval summary at 512 characters. */
const SUMMARY_MAX = 512;

function pipelineOf(target: ActionTarget): PipelineRef {
  const pipeline = target.loaded.env.pipeline;
  if (!pipeline) {
    throw new InputError(
      `environment: '${target.loaded.env.name}' has no pipeline`,
    );
  }
  return pipeline;
}

function stagesSummary(state: GetPipelineStateOutput): string {
  return (state.stageStates ?? [])
    .map(s => `${s.stageName} ${s.latestExecution?.status ?? 'not run'}`)
    .join(', ');
}

/** The summary CodePipeline records: who decided in Backstage, and why. */
export function approvalSummary(
  actor: string,
  decision: 'Approved' | 'Rejected',
  comment: string | undefined,
): string {
  const text = `${decision} by ${actor} in Backstage${
    comment ? `: ${comment}` : ''
  }`;
  return text.length > SUMMARY_MAX
    ? `${text.slice(0, SUMMARY_MAX - 1)}…`
    : text;
}

/**
 * Approve or reject the manual approval waiting in the environment's
 * pipeline for the execution the user reviewed. The token comes from
 * GetPipelineState here, never from the client.
 */
export function prepareApprove(
  ctx: ActionContext,
  target: ActionTarget,
  input: {
    pipelineExecutionId: string;
    decision: 'Approved' | 'Rejected';
    comment?: string;
  },
): PreparedAction {
  const pipeline = pipelineOf(target);
  const { pipelineExecutionId, decision } = input;
  const summary = approvalSummary(target.actor, decision, input.comment);
  const outcome = (stageName: string): ActionOutcome => ({
    message:
      decision === 'Approved'
        ? `Approved: pipeline ${pipeline.name} continues past ${stageName}`
        : `Rejected: pipeline ${pipeline.name} stops at ${stageName}`,
    awsResource: pipeline.arn,
    deploymentId: `pipeline:${pipelineExecutionId}`,
  });
  return {
    ownedResource: pipeline.arn,
    async perform({ mutate }) {
      const state = await ctx.aws.codePipeline.stateNow(pipeline);
      const waiting = waitingApprovals(state);
      if (!waiting.length) {
        throw staleApproval(
          `${noApprovalWaiting(
            pipeline.name,
          )}: it may have been decided already (stages: ${stagesSummary(
            state,
          )})`,
        );
      }
      const reviewed = waiting.find(w => w.executionId === pipelineExecutionId);
      if (!reviewed) {
        throw staleApproval(
          approvalOfAnother(
            pipeline.name,
            waiting.map(w => w.executionId ?? 'unknown'),
            pipelineExecutionId,
          ),
        );
      }
      await mutate(() =>
        ctx.aws.codePipeline.putApprovalResult(
          pipeline,
          {
            stageName: reviewed.stageName,
            actionName: reviewed.actionName,
            token: reviewed.token,
            status: decision,
            summary,
          },
          {
            operation: `deciding the approval ${reviewed.stageName}/${reviewed.actionName} of ${pipeline.name}`,
          },
        ),
      );
      return outcome(reviewed.stageName);
    },
    // Decided by us: the execution's approval ended with our summary.
    async reconcile() {
      const state = await ctx.aws.codePipeline.stateNow(pipeline);
      for (const stage of state.stageStates ?? []) {
        if (
          stage.latestExecution?.pipelineExecutionId !== pipelineExecutionId
        ) {
          continue;
        }
        const decided = (stage.actionStates ?? []).some(
          a =>
            a.latestExecution?.summary === summary &&
            a.latestExecution.status !== 'InProgress',
        );
        if (decided) return outcome(stage.stageName!);
      }
      return undefined;
    },
  };
}

/** Start a new execution of the environment's pipeline, unless one runs. */
export function prepareStartPipeline(
  ctx: ActionContext,
  target: ActionTarget,
): PreparedAction {
  const pipeline = pipelineOf(target);
  const start = async ({ requestToken, mutate }: ActionAttempt) => {
    const executionId = await mutate(() =>
      ctx.aws.codePipeline.startExecution(pipeline, requestToken, {
        operation: `starting pipeline ${pipeline.name}`,
      }),
    );
    return {
      message: `Pipeline ${pipeline.name} started execution ${executionId}`,
      awsResource: pipeline.arn,
      deploymentId: `pipeline:${executionId}`,
    };
  };
  return {
    ownedResource: pipeline.arn,
    async perform(attempt) {
      const recent = await ctx.aws.codePipeline.executionPage(
        pipeline,
        undefined,
        RECENT_EXECUTIONS,
      );
      const refusal = startRefusal(
        pipeline.name,
        recent.executions.map(e => ({
          executionId: e.pipelineExecutionId,
          status: e.status,
        })),
      );
      if (refusal) throw new ConflictError(refusal);
      return start(attempt);
    },
    // StartPipelineExecution's clientRequestToken is an idempotency token:
    // sent again, AWS names the execution it started and starts nothing new,
    // or starts it if the first request never arrived.
    reconcile: start,
  };
}

/** Retry the failed actions of a failed stage of a pipeline execution. */
export function prepareRetryStage(
  ctx: ActionContext,
  target: ActionTarget,
  input: { stageName: string; pipelineExecutionId: string },
): PreparedAction {
  const pipeline = pipelineOf(target);
  const { stageName, pipelineExecutionId } = input;
  const outcome: ActionOutcome = {
    message: `Stage ${stageName} of ${pipeline.name} is running again`,
    awsResource: pipeline.arn,
    deploymentId: `pipeline:${pipelineExecutionId}`,
  };
  return {
    ownedResource: pipeline.arn,
    async perform({ mutate }) {
      const state = await ctx.aws.codePipeline.stateNow(pipeline);
      const stageRuns = stageRunsOf(state);
      if (!(stageName in stageRuns)) {
        throw new InputError(
          `stageName: pipeline ${
            pipeline.name
          } has no stage '${stageName}' (${Object.keys(stageRuns).join(', ')})`,
        );
      }
      const refusal = retryRefusal(
        pipeline.name,
        stageName,
        pipelineExecutionId,
        stageRuns[stageName],
      );
      if (refusal) throw new ConflictError(refusal);
      await mutate(() =>
        ctx.aws.codePipeline.retryStage(
          pipeline,
          { stageName, pipelineExecutionId },
          { operation: `retrying stage ${stageName} of ${pipeline.name}` },
        ),
      );
      return outcome;
    },
    // Retried: the stage's latest run is still this execution's, no longer failed.
    async reconcile() {
      const latest = stageRunsOf(await ctx.aws.codePipeline.stateNow(pipeline))[
        stageName
      ];
      return latest?.executionId === pipelineExecutionId &&
        latest.status !== 'Failed'
        ? outcome
        : undefined;
    },
  };
}

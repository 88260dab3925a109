import {
  GetPipelineStateCommand,
  GetPipelineStateOutput,
  ListPipelineExecutionsCommand,
  PutApprovalResultCommand,
  RetryStageExecutionCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { ConflictError, InputError } from '@backstage/errors';
import {
  ECS_DEPLOY_ACTION_ERROR_CODES,
  PipelineRef,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import { callAws } from '../service/aws/callAws';
import {
  ActionAttempt,
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
} from './types';

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

async function clientFor(ctx: ActionContext, pipeline: PipelineRef) {
  return (
    await ctx.reads.clients.forResource({
      accountId: pipeline.accountId,
      region: pipeline.region,
    })
  ).codePipeline;
}

/** Read fresh, never from the cache: tokens and states move. */
async function pipelineState(
  ctx: ActionContext,
  pipeline: PipelineRef,
): Promise<GetPipelineStateOutput> {
  const codePipeline = await clientFor(ctx, pipeline);
  return callAws(
    () =>
      codePipeline.send(new GetPipelineStateCommand({ name: pipeline.name })),
    { iamAction: 'codepipeline:GetPipelineState', resource: pipeline.arn },
  );
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

interface WaitingApproval {
  stageName: string;
  actionName: string;
  token: string;
  executionId?: string;
}

/** The manual approvals waiting for a decision, with their tokens. */
function waitingApprovals(state: GetPipelineStateOutput): WaitingApproval[] {
  return (state.stageStates ?? []).flatMap(stage =>
    (stage.actionStates ?? []).flatMap(action => {
      const latest = action.latestExecution;
      return latest?.status === 'InProgress' && latest.token
        ? [
            {
              stageName: stage.stageName!,
              actionName: action.actionName!,
              token: latest.token,
              executionId: stage.latestExecution?.pipelineExecutionId,
            },
          ]
        : [];
    }),
  );
}

function staleApproval(message: string): Error {
  return withErrorCode(
    new ConflictError(message),
    ECS_DEPLOY_ACTION_ERROR_CODES.staleApproval,
  );
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
      const state = await pipelineState(ctx, pipeline);
      const waiting = waitingApprovals(state);
      if (!waiting.length) {
        throw staleApproval(
          `No approval is waiting in pipeline ${
            pipeline.name
          }: it may have been decided already (stages: ${stagesSummary(
            state,
          )})`,
        );
      }
      const reviewed = waiting.find(w => w.executionId === pipelineExecutionId);
      if (!reviewed) {
        const others = waiting.map(w => w.executionId ?? 'unknown').join(', ');
        throw staleApproval(
          `The approval waiting in pipeline ${pipeline.name} belongs to execution ${others}, not ${pipelineExecutionId}; look at the new execution before deciding`,
        );
      }
      const codePipeline = await clientFor(ctx, pipeline);
      await mutate(
        () =>
          codePipeline.send(
            new PutApprovalResultCommand({
              pipelineName: pipeline.name,
              stageName: reviewed.stageName,
              actionName: reviewed.actionName,
              token: reviewed.token,
              result: { status: decision, summary },
            }),
          ),
        {
          operation: `deciding the approval ${reviewed.stageName}/${reviewed.actionName} of ${pipeline.name}`,
          iamAction: 'codepipeline:PutApprovalResult',
        },
      );
      return outcome(reviewed.stageName);
    },
    // Decided by us: the execution's approval ended with our summary.
    async reconcile() {
      const state = await pipelineState(ctx, pipeline);
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
    const codePipeline = await clientFor(ctx, pipeline);
    const out = await mutate(
      () =>
        codePipeline.send(
          new StartPipelineExecutionCommand({
            name: pipeline.name,
            clientRequestToken: requestToken,
          }),
        ),
      {
        operation: `starting pipeline ${pipeline.name}`,
        iamAction: 'codepipeline:StartPipelineExecution',
      },
    );
    return {
      message: `Pipeline ${pipeline.name} started execution ${out.pipelineExecutionId}`,
      awsResource: pipeline.arn,
      deploymentId: `pipeline:${out.pipelineExecutionId}`,
    };
  };
  return {
    ownedResource: pipeline.arn,
    async perform(attempt) {
      const codePipeline = await clientFor(ctx, pipeline);
      const recent = await callAws(
        () =>
          codePipeline.send(
            new ListPipelineExecutionsCommand({
              pipelineName: pipeline.name,
              maxResults: 10,
            }),
          ),
        {
          iamAction: 'codepipeline:ListPipelineExecutions',
          resource: pipeline.arn,
        },
      );
      const running = recent.pipelineExecutionSummaries?.find(
        e => e.status === 'InProgress' || e.status === 'Stopping',
      );
      if (running) {
        throw new ConflictError(
          `Pipeline ${pipeline.name} is already running: execution ${running.pipelineExecutionId} is ${running.status}`,
        );
      }
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
      const state = await pipelineState(ctx, pipeline);
      const stage = state.stageStates?.find(s => s.stageName === stageName);
      if (!stage) {
        throw new InputError(
          `stageName: pipeline ${pipeline.name} has no stage '${stageName}' (${(
            state.stageStates ?? []
          )
            .map(s => s.stageName)
            .join(', ')})`,
        );
      }
      const latest = stage.latestExecution;
      if (latest?.pipelineExecutionId !== pipelineExecutionId) {
        throw new ConflictError(
          `Stage ${stageName} of ${pipeline.name} last ran in execution ${
            latest?.pipelineExecutionId ?? 'none'
          }, not ${pipelineExecutionId}; only the latest execution of a stage can be retried`,
        );
      }
      if (latest.status !== 'Failed') {
        throw new ConflictError(
          `Stage ${stageName} of execution ${pipelineExecutionId} is ${latest.status}, not Failed`,
        );
      }
      const codePipeline = await clientFor(ctx, pipeline);
      await mutate(
        () =>
          codePipeline.send(
            new RetryStageExecutionCommand({
              pipelineName: pipeline.name,
              stageName,
              pipelineExecutionId,
              retryMode: 'FAILED_ACTIONS',
            }),
          ),
        {
          operation: `retrying stage ${stageName} of ${pipeline.name}`,
          iamAction: 'codepipeline:RetryStageExecution',
        },
      );
      return outcome;
    },
    // Retried: the stage's latest run is still this execution's, no longer failed.
    async reconcile() {
      const state = await pipelineState(ctx, pipeline);
      const latest = state.stageStates?.find(
        s => s.stageName === stageName,
      )?.latestExecution;
      return latest?.pipelineExecutionId === pipelineExecutionId &&
        latest.status !== 'Failed'
        ? outcome
        : undefined;
    },
  };
}

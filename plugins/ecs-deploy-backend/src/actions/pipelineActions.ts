import {
  GetPipelineStateCommand,
  GetPipelineStateOutput,
  ListPipelineExecutionsCommand,
  PutApprovalResultCommand,
  RetryStageExecutionCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { ConflictError, InputError } from '@backstage/errors';
import { PipelineRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import { callAws } from '../service/aws/callAws';
import { ActionContext, ActionTarget, PreparedAction } from './types';

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

/**
 * Approve or reject the manual approval waiting in the environment's
 * pipeline. The token comes from GetPipelineState here, never from the client.
 */
export function prepareApprove(
  ctx: ActionContext,
  target: ActionTarget,
  input: { decision: 'Approved' | 'Rejected'; comment?: string },
): PreparedAction {
  const pipeline = pipelineOf(target);
  return {
    ownedResource: pipeline.arn,
    async perform() {
      const state = await pipelineState(ctx, pipeline);
      let waiting:
        | {
            stageName: string;
            actionName: string;
            token: string;
            executionId?: string;
          }
        | undefined;
      for (const stage of state.stageStates ?? []) {
        for (const action of stage.actionStates ?? []) {
          const latest = action.latestExecution;
          if (latest?.status === 'InProgress' && latest.token && !waiting) {
            waiting = {
              stageName: stage.stageName!,
              actionName: action.actionName!,
              token: latest.token,
              executionId: stage.latestExecution?.pipelineExecutionId,
            };
          }
        }
      }
      if (!waiting) {
        throw new ConflictError(
          `No approval is waiting in pipeline ${
            pipeline.name
          }: it may have been decided already (stages: ${stagesSummary(
            state,
          )})`,
        );
      }
      const codePipeline = await clientFor(ctx, pipeline);
      await callAws(
        () =>
          codePipeline.send(
            new PutApprovalResultCommand({
              pipelineName: pipeline.name,
              stageName: waiting!.stageName,
              actionName: waiting!.actionName,
              token: waiting!.token,
              result: {
                status: input.decision,
                summary: approvalSummary(
                  target.actor,
                  input.decision,
                  input.comment,
                ),
              },
            }),
          ),
        {
          operation: `deciding the approval ${waiting.stageName}/${waiting.actionName} of ${pipeline.name}`,
          iamAction: 'codepipeline:PutApprovalResult',
        },
      );
      return {
        message:
          input.decision === 'Approved'
            ? `Approved: pipeline ${pipeline.name} continues past ${waiting.stageName}`
            : `Rejected: pipeline ${pipeline.name} stops at ${waiting.stageName}`,
        awsResource: pipeline.arn,
        ...(waiting.executionId
          ? { deploymentId: `pipeline:${waiting.executionId}` }
          : {}),
      };
    },
  };
}

/** Start a new execution of the environment's pipeline, unless one runs. */
export function prepareStartPipeline(
  ctx: ActionContext,
  target: ActionTarget,
): PreparedAction {
  const pipeline = pipelineOf(target);
  return {
    ownedResource: pipeline.arn,
    async perform({ requestToken }) {
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
      const out = await callAws(
        () =>
          codePipeline.send(
            new StartPipelineExecutionCommand({
              name: pipeline.name,
              // AWS's own idempotency, on top of the ledger's
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
    },
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
  return {
    ownedResource: pipeline.arn,
    async perform() {
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
      await callAws(
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
      return {
        message: `Stage ${stageName} of ${pipeline.name} is running again`,
        awsResource: pipeline.arn,
        deploymentId: `pipeline:${pipelineExecutionId}`,
      };
    },
  };
}

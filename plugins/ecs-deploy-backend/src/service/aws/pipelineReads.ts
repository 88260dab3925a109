import {
  ActionExecutionDetail,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  PipelineExecution,
  PipelineExecutionSummary,
} from '@aws-sdk/client-codepipeline';
import { PipelineRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import { callAws, collectPages } from './callAws';
import { ReadContext } from './ReadContext';

const where = (p: PipelineRef) => ({
  accountId: p.accountId,
  region: p.region,
});

/** One page of ListPipelineExecutions (newest first). Not cached: mapped pages are. */
export async function listPipelineExecutions(
  ctx: ReadContext,
  pipeline: PipelineRef,
  token: string | undefined,
  pageSize: number,
): Promise<{ executions: PipelineExecutionSummary[]; nextToken?: string }> {
  const { codePipeline } = await ctx.clients.forResource(where(pipeline));
  const out = await callAws(
    () =>
      codePipeline.send(
        new ListPipelineExecutionsCommand({
          pipelineName: pipeline.name,
          nextToken: token,
          maxResults: pageSize,
        }),
      ),
    { resource: pipeline.arn },
  );
  return {
    executions: out.pipelineExecutionSummaries ?? [],
    nextToken: out.nextToken,
  };
}

/** A compact view of GetPipelineState: which execution waits for an approval. */
export interface PipelineWaitState {
  /** Execution ids that have an approval action waiting for a person. */
  waitingExecutionIds: string[];
  /** Stage and action names of waiting approvals, by execution id. */
  approvals: Record<string, { stageName: string; actionName: string }[]>;
}

export async function getPipelineWaitState(
  ctx: ReadContext,
  pipeline: PipelineRef,
): Promise<PipelineWaitState> {
  return ctx.cache.get(
    `codepipeline:state:${pipeline.arn}`,
    async () => {
      const { codePipeline } = await ctx.clients.forResource(where(pipeline));
      const out = await callAws(
        () =>
          codePipeline.send(
            new GetPipelineStateCommand({ name: pipeline.name }),
          ),
        { resource: pipeline.arn },
      );
      const approvals: PipelineWaitState['approvals'] = {};
      for (const stage of out.stageStates ?? []) {
        const executionId = stage.latestExecution?.pipelineExecutionId;
        if (!executionId || stage.latestExecution?.status !== 'InProgress') {
          continue;
        }
        for (const action of stage.actionStates ?? []) {
          // Only approval actions waiting for a decision carry a token.
          if (
            action.latestExecution?.status === 'InProgress' &&
            action.latestExecution.token
          ) {
            (approvals[executionId] ??= []).push({
              stageName: stage.stageName ?? '',
              actionName: action.actionName ?? '',
            });
          }
        }
      }
      return { waitingExecutionIds: Object.keys(approvals), approvals };
    },
    ctx.ttl.active,
  );
}

export async function listActionExecutions(
  ctx: ReadContext,
  pipeline: PipelineRef,
  executionId: string,
): Promise<ActionExecutionDetail[]> {
  const { codePipeline } = await ctx.clients.forResource(where(pipeline));
  return collectPages(async nextToken => {
    const out = await callAws(
      () =>
        codePipeline.send(
          new ListActionExecutionsCommand({
            pipelineName: pipeline.name,
            filter: { pipelineExecutionId: executionId },
            nextToken,
          }),
        ),
      { resource: pipeline.arn },
    );
    return { items: out.actionExecutionDetails ?? [], next: out.nextToken };
  });
}

/** One page of a pipeline's action executions, newest first, all executions. */
export async function listRecentActionExecutions(
  ctx: ReadContext,
  pipeline: PipelineRef,
  token: string | undefined,
): Promise<{ actions: ActionExecutionDetail[]; nextToken?: string }> {
  const { codePipeline } = await ctx.clients.forResource(where(pipeline));
  const out = await callAws(
    () =>
      codePipeline.send(
        new ListActionExecutionsCommand({
          pipelineName: pipeline.name,
          maxResults: 100,
          nextToken: token,
        }),
      ),
    { resource: pipeline.arn },
  );
  return {
    actions: out.actionExecutionDetails ?? [],
    ...(out.nextToken ? { nextToken: out.nextToken } : {}),
  };
}

export async function getPipelineExecution(
  ctx: ReadContext,
  pipeline: PipelineRef,
  executionId: string,
): Promise<PipelineExecution> {
  const { codePipeline } = await ctx.clients.forResource(where(pipeline));
  const out = await callAws(
    () =>
      codePipeline.send(
        new GetPipelineExecutionCommand({
          pipelineName: pipeline.name,
          pipelineExecutionId: executionId,
        }),
      ),
    { resource: `${pipeline.arn} execution ${executionId}` },
  );
  return out.pipelineExecution ?? {};
}

import {
  ActionExecutionDetail,
  GetPipelineStateOutput,
  PipelineExecution,
  PipelineExecutionSummary,
} from '@aws-sdk/client-codepipeline';
import { PipelineRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  GatewayCallContext,
  codePipelineGateway,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { pipelineAtRest } from './atRest';
import { cacheKeys } from './cacheKeys';
import { compactPipelineState } from './mapping/pipelineState';
import { PipelineWaitState } from './state';
import { GatewayDeps, withCache } from './withCache';

/** AWS CodePipeline for the backend, each call with its cache class. */
export function codePipelineReads({ clients, cache }: GatewayDeps) {
  const codePipeline = async (p: PipelineRef) =>
    (await clients.forResource({ accountId: p.accountId, region: p.region }))
      .codePipeline;
  const on = (p: PipelineRef) => ({ resource: p.arn });

  return {
    /** One page of executions, newest first. Cache: none (the history caches mapped pages). */
    async executionPage(
      pipeline: PipelineRef,
      token: string | undefined,
      pageSize: number,
    ): Promise<{ executions: PipelineExecutionSummary[]; nextToken?: string }> {
      return codePipelineGateway.listPipelineExecutions(
        await codePipeline(pipeline),
        { pipelineName: pipeline.name, nextToken: token, maxResults: pageSize },
        on(pipeline),
      );
    },

    /**
     * The approvals waiting and each stage's latest run. Cache: active while
     * a stage runs or an approval waits, else idle.
     */
    waitState: withCache(
      cache,
      {
        cache: (state: PipelineWaitState) =>
          pipelineAtRest(state) ? 'idle' : 'active',
        key: (p: PipelineRef) => cacheKeys.pipelineState(p.arn),
      },
      async (pipeline: PipelineRef): Promise<PipelineWaitState> =>
        compactPipelineState(
          await codePipelineGateway.getPipelineState(
            await codePipeline(pipeline),
            pipeline.name,
            on(pipeline),
          ),
        ),
    ),

    /** GetPipelineState with approval tokens, for actions. Cache: none. */
    async stateNow(pipeline: PipelineRef): Promise<GetPipelineStateOutput> {
      return codePipelineGateway.getPipelineState(
        await codePipeline(pipeline),
        pipeline.name,
        on(pipeline),
      );
    },

    /** Every action execution of one execution. Cache: none (callers cache what they derive). */
    async actionExecutionsOf(
      pipeline: PipelineRef,
      executionId: string,
    ): Promise<ActionExecutionDetail[]> {
      return codePipelineGateway.actionExecutionsOf(
        await codePipeline(pipeline),
        { pipelineName: pipeline.name, pipelineExecutionId: executionId },
        on(pipeline),
      );
    },

    /** One page (100) of the pipeline's action executions, all executions, newest first. Cache: none (the action index caches). */
    async recentActionPage(
      pipeline: PipelineRef,
      token: string | undefined,
    ): Promise<{ actions: ActionExecutionDetail[]; nextToken?: string }> {
      return codePipelineGateway.listActionExecutions(
        await codePipeline(pipeline),
        { pipelineName: pipeline.name, maxResults: 100, nextToken: token },
        on(pipeline),
      );
    },

    /** Cache: none. */
    async execution(
      pipeline: PipelineRef,
      executionId: string,
    ): Promise<PipelineExecution> {
      return codePipelineGateway.getPipelineExecution(
        await codePipeline(pipeline),
        { pipelineName: pipeline.name, pipelineExecutionId: executionId },
        { resource: `${pipeline.arn} execution ${executionId}` },
      );
    },

    /**
     * The image tag the pipeline's ECR source on `repository` watches, if it
     * has one (`latest` when the source names none). Cache: resolution.
     */
    watchedImageTag: withCache(
      cache,
      {
        cache: 'resolution',
        key: (p: PipelineRef, repository: string) =>
          cacheKeys.pipelineWatchedTag(p.arn, repository),
      },
      async (
        pipeline: PipelineRef,
        repository: string,
      ): Promise<{ tag: string | null }> => {
        const declaration = await codePipelineGateway.getPipeline(
          await codePipeline(pipeline),
          pipeline.name,
          on(pipeline),
        );
        for (const stage of declaration?.stages ?? []) {
          for (const action of stage.actions ?? []) {
            const config = action.configuration ?? {};
            if (
              action.actionTypeId?.category === 'Source' &&
              action.actionTypeId.provider === 'ECR' &&
              config.RepositoryName === repository
            ) {
              return { tag: config.ImageTag || 'latest' };
            }
          }
        }
        return { tag: null };
      },
    ),

    /** Cache: none. */
    async putApprovalResult(
      pipeline: PipelineRef,
      input: {
        stageName: string;
        actionName: string;
        token: string;
        status: 'Approved' | 'Rejected';
        summary: string;
      },
      context: GatewayCallContext,
    ): Promise<void> {
      await codePipelineGateway.putApprovalResult(
        await codePipeline(pipeline),
        {
          pipelineName: pipeline.name,
          stageName: input.stageName,
          actionName: input.actionName,
          token: input.token,
          result: { status: input.status, summary: input.summary },
        },
        context,
      );
    },

    /** StartPipelineExecution; the request token makes a resend idempotent. Cache: none. */
    async startExecution(
      pipeline: PipelineRef,
      clientRequestToken: string,
      context: GatewayCallContext,
    ): Promise<string | undefined> {
      return codePipelineGateway.startPipelineExecution(
        await codePipeline(pipeline),
        { name: pipeline.name, clientRequestToken },
        context,
      );
    },

    /** RetryStageExecution of the failed actions. Cache: none. */
    async retryStage(
      pipeline: PipelineRef,
      input: { stageName: string; pipelineExecutionId: string },
      context: GatewayCallContext,
    ): Promise<void> {
      await codePipelineGateway.retryStageExecution(
        await codePipeline(pipeline),
        {
          pipelineName: pipeline.name,
          stageName: input.stageName,
          pipelineExecutionId: input.pipelineExecutionId,
          retryMode: 'FAILED_ACTIONS',
        },
        context,
      );
    },
  };
}

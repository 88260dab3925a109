import {
  ActionExecutionDetail,
  CodePipelineClient,
  CreatePipelineCommand,
  CreatePipelineCommandInput,
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  GetPipelineStateOutput,
  ListActionExecutionsCommand,
  ListActionExecutionsCommandInput,
  ListPipelineExecutionsCommand,
  ListPipelineExecutionsCommandInput,
  ListTagsForResourceCommand,
  PipelineDeclaration,
  PipelineExecution,
  PipelineExecutionSummary,
  PutApprovalResultCommand,
  PutApprovalResultCommandInput,
  RetryStageExecutionCommand,
  RetryStageExecutionCommandInput,
  StartPipelineExecutionCommand,
  StartPipelineExecutionCommandInput,
  Tag,
  paginateListActionExecutions,
} from '@aws-sdk/client-codepipeline';
import { GatewayCallContext, call, collect, unlessAbsent } from './call';

/*
 * AWS CodePipeline: every CodePipeline command the suite sends is built
 * here. A pipeline lookup that finds nothing answers `undefined`.
 */

/**
 * One page of a pipeline's executions, newest first.
 *
 * @public
 */
export async function listPipelineExecutions(
  codePipeline: CodePipelineClient,
  input: ListPipelineExecutionsCommandInput,
  context?: GatewayCallContext,
): Promise<{ executions: PipelineExecutionSummary[]; nextToken?: string }> {
  const out = await call('codepipeline:ListPipelineExecutions', context, () =>
    codePipeline.send(new ListPipelineExecutionsCommand(input)),
  );
  return {
    executions: out.pipelineExecutionSummaries ?? [],
    ...(out.nextToken ? { nextToken: out.nextToken } : {}),
  };
}

/**
 * The current state of each stage and action of a pipeline, from its latest
 * executions.
 *
 * @public
 */
export async function getPipelineState(
  codePipeline: CodePipelineClient,
  name: string,
  context?: GatewayCallContext,
): Promise<GetPipelineStateOutput> {
  return call('codepipeline:GetPipelineState', context, () =>
    codePipeline.send(new GetPipelineStateCommand({ name })),
  );
}

/**
 * One page of a pipeline's action executions, newest first.
 *
 * @public
 */
export async function listActionExecutions(
  codePipeline: CodePipelineClient,
  input: ListActionExecutionsCommandInput,
  context?: GatewayCallContext,
): Promise<{ actions: ActionExecutionDetail[]; nextToken?: string }> {
  const out = await call('codepipeline:ListActionExecutions', context, () =>
    codePipeline.send(new ListActionExecutionsCommand(input)),
  );
  return {
    actions: out.actionExecutionDetails ?? [],
    ...(out.nextToken ? { nextToken: out.nextToken } : {}),
  };
}

/**
 * Every action execution of one pipeline execution.
 *
 * @public
 */
export async function actionExecutionsOf(
  codePipeline: CodePipelineClient,
  input: { pipelineName: string; pipelineExecutionId: string },
  context?: GatewayCallContext,
): Promise<ActionExecutionDetail[]> {
  return call('codepipeline:ListActionExecutions', context, () =>
    collect(
      paginateListActionExecutions(
        { client: codePipeline },
        {
          pipelineName: input.pipelineName,
          filter: { pipelineExecutionId: input.pipelineExecutionId },
        },
      ),
      p => p.actionExecutionDetails,
    ),
  );
}

/**
 * One execution of a pipeline: its status, trigger and source revisions (empty
 * when AWS answers none).
 *
 * @public
 */
export async function getPipelineExecution(
  codePipeline: CodePipelineClient,
  input: { pipelineName: string; pipelineExecutionId: string },
  context?: GatewayCallContext,
): Promise<PipelineExecution> {
  const out = await call('codepipeline:GetPipelineExecution', context, () =>
    codePipeline.send(new GetPipelineExecutionCommand(input)),
  );
  return out.pipelineExecution ?? {};
}

/**
 * A pipeline's declaration. One that does not exist is a `NotFoundError`
 * (`findPipeline` answers `undefined`).
 *
 * @public
 */
export async function getPipeline(
  codePipeline: CodePipelineClient,
  name: string,
  context?: GatewayCallContext,
): Promise<PipelineDeclaration | undefined> {
  const out = await call('codepipeline:GetPipeline', context, () =>
    codePipeline.send(new GetPipelineCommand({ name })),
  );
  return out.pipeline;
}

/**
 * The pipeline's declaration, unless there is no such pipeline.
 *
 * @public
 */
export async function findPipeline(
  codePipeline: CodePipelineClient,
  name: string,
  context?: GatewayCallContext,
): Promise<PipelineDeclaration | undefined> {
  const out = await call('codepipeline:GetPipeline', context, () =>
    unlessAbsent(['PipelineNotFoundException'], () =>
      codePipeline.send(new GetPipelineCommand({ name })),
    ),
  );
  return out?.pipeline;
}

/**
 * Tags of a pipeline (CodePipeline spells them `key`/`value`).
 *
 * @public
 */
export async function listTagsForResource(
  codePipeline: CodePipelineClient,
  resourceArn: string,
  context?: GatewayCallContext,
): Promise<Tag[]> {
  const out = await call('codepipeline:ListTagsForResource', context, () =>
    codePipeline.send(new ListTagsForResourceCommand({ resourceArn })),
  );
  return out.tags ?? [];
}

/**
 * Approves or rejects a manual approval action waiting with the given token.
 *
 * @public
 */
export async function putApprovalResult(
  codePipeline: CodePipelineClient,
  input: PutApprovalResultCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('codepipeline:PutApprovalResult', context, () =>
    codePipeline.send(new PutApprovalResultCommand(input)),
  );
}

/**
 * Starts an execution; returns its id.
 *
 * @public
 */
export async function startPipelineExecution(
  codePipeline: CodePipelineClient,
  input: StartPipelineExecutionCommandInput,
  context?: GatewayCallContext,
): Promise<string | undefined> {
  const out = await call('codepipeline:StartPipelineExecution', context, () =>
    codePipeline.send(new StartPipelineExecutionCommand(input)),
  );
  return out.pipelineExecutionId;
}

/**
 * Retries the failed actions (or all actions) of a stage in an execution.
 *
 * @public
 */
export async function retryStageExecution(
  codePipeline: CodePipelineClient,
  input: RetryStageExecutionCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('codepipeline:RetryStageExecution', context, () =>
    codePipeline.send(new RetryStageExecutionCommand(input)),
  );
}

/**
 * Creates a pipeline from its declaration.
 *
 * @public
 */
export async function createPipeline(
  codePipeline: CodePipelineClient,
  input: CreatePipelineCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('codepipeline:CreatePipeline', context, () =>
    codePipeline.send(new CreatePipelineCommand(input)),
  );
}

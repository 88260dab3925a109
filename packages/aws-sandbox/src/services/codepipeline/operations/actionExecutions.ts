import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import type { OperationHandler } from '../../../core/types';
import { requireString } from '../../../core/validate';
import type { CodePipelineStore } from '../CodePipelineStore';
import { putApprovalResult } from '../executionControls';
import { renderActionExecution } from '../render';
import { INVALID, callerArn, pipelinePage } from './common';

/** Action executions: listing every run, deciding a manual approval. */
export function actionExecutionOperations(
  store: CodePipelineStore,
): Record<string, OperationHandler> {
  return {
    ListActionExecutions(input, ctx) {
      const record = store.getPipeline(
        callerScope(ctx),
        requireString(input, 'pipelineName', INVALID),
      );
      const only = input.filter?.pipelineExecutionId as string | undefined;
      const executions = only
        ? [store.getExecution(record, only)]
        : store.listExecutions(record);
      const details = executions.flatMap(e =>
        [...e.actions]
          .sort((a, b) => b.startTime - a.startTime)
          .map(a => ({ a, e })),
      );
      const { page, nextToken } = pipelinePage(details, input, 100);
      return {
        actionExecutionDetails: page.map(({ a, e }) =>
          renderActionExecution(a, e, record),
        ),
        nextToken,
      };
    },

    PutApprovalResult(input, ctx) {
      const record = store.getPipeline(
        callerScope(ctx),
        requireString(input, 'pipelineName', INVALID),
      );
      const now = ctx.world.clock.nowMs();
      if (!input.result || typeof input.result.status !== 'string') {
        throw new AwsError(
          INVALID,
          "1 validation error detected: Value null at 'result' failed to satisfy constraint: Member must not be null",
        );
      }
      putApprovalResult(store, record, {
        stageName: requireString(input, 'stageName', INVALID),
        actionName: requireString(input, 'actionName', INVALID),
        token: requireString(input, 'token', INVALID),
        result: input.result,
        approvedBy: callerArn(ctx),
        now,
      });
      return { approvedAt: new Date(now) };
    },
  };
}

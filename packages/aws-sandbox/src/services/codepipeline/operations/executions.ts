import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import type { OperationHandler } from '../../../core/types';
import {
  optionalArray,
  optionalString,
  requireString,
} from '../../../core/validate';
import type { CodePipelineStore } from '../CodePipelineStore';
import { retryStage, stopExecution } from '../executionControls';
import type { PinnedRevision } from '../model';
import { renderExecution, renderSummary } from '../render';
import { INVALID, callerArn, pipelinePage } from './common';

/** StartPipelineExecution's `clientRequestToken`, checked as AWS does. */
function requestToken(input: any): string | undefined {
  const token = optionalString(input, 'clientRequestToken', INVALID);
  if (token === undefined) return undefined;
  const fail = (constraint: string) =>
    new AwsError(
      INVALID,
      `1 validation error detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: ${constraint}`,
    );
  if (token.length < 1 || token.length > 128) {
    throw fail('Member must have length between 1 and 128');
  }
  if (!/^[a-zA-Z0-9-]+$/.test(token)) {
    throw fail(
      'Member must satisfy regular expression pattern: ^[a-zA-Z0-9-]+$',
    );
  }
  return token;
}

/** StartPipelineExecution's `sourceRevisions` overrides, by action name. */
function pinnedRevisions(input: any): Record<string, PinnedRevision> {
  const pinned: Record<string, PinnedRevision> = {};
  for (const override of optionalArray<any>(
    input,
    'sourceRevisions',
    INVALID,
  ) ?? []) {
    if (override?.revisionType === 'IMAGE_DIGEST') {
      pinned[override.actionName] = { imageDigest: override.revisionValue };
    } else if (override?.revisionType === 'COMMIT_ID') {
      pinned[override.actionName] = { commitId: override.revisionValue };
    } else {
      throw new AwsError(
        INVALID,
        `Unsupported source revision type ${override?.revisionType}`,
      );
    }
  }
  return pinned;
}

/** Pipeline executions: start, read, list, stop, retry. */
export function executionOperations(
  store: CodePipelineStore,
): Record<string, OperationHandler> {
  return {
    StartPipelineExecution(input, ctx) {
      const record = store.getPipeline(
        callerScope(ctx),
        requireString(input, 'name', INVALID),
      );
      const pinned = pinnedRevisions(input);
      const variables = optionalArray<{ name: string; value: string }>(
        input,
        'variables',
        INVALID,
      );
      const declared = new Set(
        (record.declaration.variables ?? []).map(v => v.name),
      );
      for (const v of variables ?? []) {
        if (!declared.has(v.name)) {
          throw new AwsError(
            INVALID,
            `Variable ${v.name} is not declared in pipeline ${record.name}`,
          );
        }
      }
      const execution = store.startExecution(
        record,
        {
          triggerType: 'StartPipelineExecution',
          triggerDetail: callerArn(ctx),
        },
        { pinned, variables, clientRequestToken: requestToken(input) },
      );
      return { pipelineExecutionId: execution.pipelineExecutionId };
    },

    ListPipelineExecutions(input, ctx) {
      const record = store.getPipeline(
        callerScope(ctx),
        requireString(input, 'pipelineName', INVALID),
      );
      let executions = store.listExecutions(record);
      const stageName = input.filter?.succeededInStage?.stageName;
      if (stageName) {
        executions = executions.filter(e =>
          e.stages.some(
            s => s.stageName === stageName && s.status === 'Succeeded',
          ),
        );
      }
      const { page, nextToken } = pipelinePage(executions, input, 100);
      return {
        pipelineExecutionSummaries: page.map(renderSummary),
        nextToken,
      };
    },

    GetPipelineExecution(input, ctx) {
      const record = store.getPipeline(
        callerScope(ctx),
        requireString(input, 'pipelineName', INVALID),
      );
      const e = store.getExecution(
        record,
        requireString(input, 'pipelineExecutionId', INVALID),
      );
      return { pipelineExecution: renderExecution(e, record) };
    },

    StopPipelineExecution(input, ctx) {
      const record = store.getPipeline(
        callerScope(ctx),
        requireString(input, 'pipelineName', INVALID),
      );
      const id = requireString(input, 'pipelineExecutionId', INVALID);
      stopExecution(store, record, {
        pipelineExecutionId: id,
        abandon: Boolean(input.abandon),
        reason: input.reason,
      });
      return { pipelineExecutionId: id };
    },

    RetryStageExecution(input, ctx) {
      const record = store.getPipeline(
        callerScope(ctx),
        requireString(input, 'pipelineName', INVALID),
      );
      const id = requireString(input, 'pipelineExecutionId', INVALID);
      retryStage(store, record, {
        pipelineExecutionId: id,
        stageName: requireString(input, 'stageName', INVALID),
        retryMode: requireString(input, 'retryMode', INVALID),
        now: ctx.world.clock.nowMs(),
      });
      return { pipelineExecutionId: id };
    },
  };
}

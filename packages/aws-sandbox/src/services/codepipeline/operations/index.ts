import type { OperationHandler } from '../../../core/types';
import type { CodePipelineStore } from '../CodePipelineStore';
import { actionExecutionOperations } from './actionExecutions';
import { executionOperations } from './executions';
import { pipelineOperations } from './pipelines';
import { tagOperations } from './tags';

/** The CodePipeline operations the sandbox serves, keyed by operation name. */
export function codePipelineOperations(
  store: CodePipelineStore,
): Record<string, OperationHandler> {
  return {
    ...pipelineOperations(store),
    ...executionOperations(store),
    ...actionExecutionOperations(store),
    ...tagOperations(store),
  };
}

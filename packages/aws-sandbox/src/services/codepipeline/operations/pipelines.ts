import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import type { OperationHandler } from '../../../core/types';
import { optionalNumber, requireString } from '../../../core/validate';
import type { CodePipelineStore } from '../CodePipelineStore';
import { renderState } from '../render';
import { INVALID, codePipelineTagsInput, pipelinePage } from './common';
import { validateDeclaration } from './declaration';

/** Pipelines: their declarations, versions and state. */
export function pipelineOperations(
  store: CodePipelineStore,
): Record<string, OperationHandler> {
  return {
    CreatePipeline(input, ctx) {
      const declaration = validateDeclaration(input.pipeline);
      const record = store.createPipeline(callerScope(ctx), declaration);
      const tags = codePipelineTagsInput(input.tags);
      if (tags.length) ctx.world.tags.tag(record.arn, tags);
      return { pipeline: record.declaration, tags: input.tags };
    },

    UpdatePipeline(input, ctx) {
      const declaration = validateDeclaration(input.pipeline);
      return {
        pipeline: store.updatePipeline(callerScope(ctx), declaration)
          .declaration,
      };
    },

    GetPipeline(input, ctx) {
      const record = store.getPipeline(
        callerScope(ctx),
        requireString(input, 'name', INVALID),
      );
      const version = optionalNumber(input, 'version', INVALID);
      let declaration = record.declaration;
      if (version !== undefined && version !== declaration.version) {
        const found = record.previous.find(p => p.version === version);
        if (!found) {
          throw new AwsError(
            'PipelineVersionNotFoundException',
            `Pipeline version ${version} was not found for pipeline ${record.name}`,
          );
        }
        declaration = found;
      }
      return {
        pipeline: declaration,
        metadata: {
          pipelineArn: record.arn,
          created: new Date(record.created),
          updated: new Date(record.updated),
        },
      };
    },

    ListPipelines(input, ctx) {
      const { page, nextToken } = pipelinePage(
        store.listPipelines(callerScope(ctx)),
        input,
        1000,
      );
      return {
        pipelines: page.map(p => ({
          name: p.name,
          version: p.declaration.version,
          pipelineType: p.declaration.pipelineType ?? 'V1',
          executionMode: p.declaration.executionMode ?? 'SUPERSEDED',
          created: new Date(p.created),
          updated: new Date(p.updated),
        })),
        nextToken,
      };
    },

    GetPipelineState(input, ctx) {
      const record = store.getPipeline(
        callerScope(ctx),
        requireString(input, 'name', INVALID),
      );
      return renderState(record, store);
    },
  };
}

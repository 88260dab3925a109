import { AwsError } from '../../core/AwsError';
import { paginate } from '../../core/pagination';
import type { OperationHandler, RequestContext } from '../../core/types';
import {
  optionalArray,
  optionalNumber,
  optionalString,
  requireString,
} from '../../core/validate';
import type { CodePipelineStore } from './CodePipelineStore';
import { validateDeclaration } from './declaration';
import {
  putApprovalResult,
  retryStage,
  stopExecution,
} from './executionControls';
import {
  renderActionExecution,
  renderExecution,
  renderState,
  renderSummary,
} from './render';
import type { PinnedRevision } from './types';

const V = 'ValidationException';

const where = (ctx: RequestContext) => ({
  accountId: ctx.accountId,
  region: ctx.region,
});

/** Who the sandbox says made a change (it checks no identity). */
const callerArn = (ctx: RequestContext) =>
  `arn:aws:iam::${ctx.accountId}:user/sandbox`;

const page = <T>(items: T[], input: any, max: number) => {
  const maxResults = optionalNumber(input, 'maxResults', V);
  if (maxResults !== undefined && (maxResults < 1 || maxResults > max)) {
    throw new AwsError(
      V,
      `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    );
  }
  return paginate(items, {
    nextToken: input.nextToken,
    maxResults,
    defaultMaxResults: max,
    invalidTokenCode: 'InvalidNextTokenException',
  });
};

/** StartPipelineExecution's `clientRequestToken`, checked as AWS does. */
const requestToken = (input: any): string | undefined => {
  const token = optionalString(input, 'clientRequestToken', V);
  if (token === undefined) return undefined;
  const fail = (constraint: string) =>
    new AwsError(
      V,
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
};

/**
 * The CodePipeline operations the sandbox serves, keyed by operation name.
 *
 * @public
 */
export function codePipelineOperations(
  store: CodePipelineStore,
): Record<string, OperationHandler> {
  const pipelineArn = (arn: string) => {
    if (!/^arn:aws[\w-]*:codepipeline:/.test(arn)) {
      throw new AwsError('InvalidArnException', `The ARN ${arn} is not valid`);
    }
    const pipeline = store.findPipelineByArn(arn);
    if (!pipeline) {
      throw new AwsError(
        'ResourceNotFoundException',
        `The resource with the ARN ${arn} was not found`,
      );
    }
    return pipeline.arn;
  };
  const tagsOf = (list: unknown) =>
    ((list ?? []) as { key?: string; value?: string }[]).map(t => {
      if (typeof t?.key !== 'string' || !t.key) {
        throw new AwsError('InvalidTagsException', 'A tag must have a key');
      }
      return { key: t.key, value: t.value ?? '' };
    });

  return {
    CreatePipeline(input, ctx) {
      const declaration = validateDeclaration(input.pipeline);
      const record = store.createPipeline(where(ctx), declaration);
      const tags = tagsOf(input.tags);
      if (tags.length) ctx.world.tags.tag(record.arn, tags);
      return { pipeline: record.declaration, tags: input.tags };
    },

    UpdatePipeline(input, ctx) {
      const declaration = validateDeclaration(input.pipeline);
      return {
        pipeline: store.updatePipeline(where(ctx), declaration).declaration,
      };
    },

    GetPipeline(input, ctx) {
      const record = store.getPipeline(
        where(ctx),
        requireString(input, 'name', V),
      );
      const version = optionalNumber(input, 'version', V);
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
      const { page: items, nextToken } = page(
        store.listPipelines(where(ctx)),
        input,
        1000,
      );
      return {
        pipelines: items.map(p => ({
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

    StartPipelineExecution(input, ctx) {
      const record = store.getPipeline(
        where(ctx),
        requireString(input, 'name', V),
      );
      const pinned: Record<string, PinnedRevision> = {};
      for (const override of optionalArray<any>(input, 'sourceRevisions', V) ??
        []) {
        if (override?.revisionType === 'IMAGE_DIGEST') {
          pinned[override.actionName] = { imageDigest: override.revisionValue };
        } else if (override?.revisionType === 'COMMIT_ID') {
          pinned[override.actionName] = { commitId: override.revisionValue };
        } else {
          throw new AwsError(
            V,
            `Unsupported source revision type ${override?.revisionType}`,
          );
        }
      }
      const variables = optionalArray<{ name: string; value: string }>(
        input,
        'variables',
        V,
      );
      const declared = new Set(
        (record.declaration.variables ?? []).map(v => v.name),
      );
      for (const v of variables ?? []) {
        if (!declared.has(v.name)) {
          throw new AwsError(
            V,
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
        where(ctx),
        requireString(input, 'pipelineName', V),
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
      const { page: items, nextToken } = page(executions, input, 100);
      return {
        pipelineExecutionSummaries: items.map(renderSummary),
        nextToken,
      };
    },

    GetPipelineExecution(input, ctx) {
      const record = store.getPipeline(
        where(ctx),
        requireString(input, 'pipelineName', V),
      );
      const e = store.getExecution(
        record,
        requireString(input, 'pipelineExecutionId', V),
      );
      return { pipelineExecution: renderExecution(e, record) };
    },

    GetPipelineState(input, ctx) {
      const record = store.getPipeline(
        where(ctx),
        requireString(input, 'name', V),
      );
      return renderState(record, store);
    },

    PutApprovalResult(input, ctx) {
      const record = store.getPipeline(
        where(ctx),
        requireString(input, 'pipelineName', V),
      );
      const now = ctx.world.clock.nowMs();
      if (!input.result || typeof input.result.status !== 'string') {
        throw new AwsError(
          V,
          "1 validation error detected: Value null at 'result' failed to satisfy constraint: Member must not be null",
        );
      }
      putApprovalResult(store, record, {
        stageName: requireString(input, 'stageName', V),
        actionName: requireString(input, 'actionName', V),
        token: requireString(input, 'token', V),
        result: input.result,
        approvedBy: callerArn(ctx),
        now,
      });
      return { approvedAt: new Date(now) };
    },

    StopPipelineExecution(input, ctx) {
      const record = store.getPipeline(
        where(ctx),
        requireString(input, 'pipelineName', V),
      );
      const id = requireString(input, 'pipelineExecutionId', V);
      stopExecution(store, record, {
        pipelineExecutionId: id,
        abandon: Boolean(input.abandon),
        reason: input.reason,
      });
      return { pipelineExecutionId: id };
    },

    RetryStageExecution(input, ctx) {
      const record = store.getPipeline(
        where(ctx),
        requireString(input, 'pipelineName', V),
      );
      const id = requireString(input, 'pipelineExecutionId', V);
      retryStage(store, record, {
        pipelineExecutionId: id,
        stageName: requireString(input, 'stageName', V),
        retryMode: requireString(input, 'retryMode', V),
        now: ctx.world.clock.nowMs(),
      });
      return { pipelineExecutionId: id };
    },

    ListActionExecutions(input, ctx) {
      const record = store.getPipeline(
        where(ctx),
        requireString(input, 'pipelineName', V),
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
      const { page: items, nextToken } = page(details, input, 100);
      return {
        actionExecutionDetails: items.map(({ a, e }) =>
          renderActionExecution(a, e, record),
        ),
        nextToken,
      };
    },

    TagResource(input, ctx) {
      const arn = pipelineArn(requireString(input, 'resourceArn', V));
      ctx.world.tags.tag(arn, tagsOf(input.tags));
      return {};
    },

    UntagResource(input, ctx) {
      const arn = pipelineArn(requireString(input, 'resourceArn', V));
      ctx.world.tags.untag(
        arn,
        optionalArray<string>(input, 'tagKeys', V) ?? [],
      );
      return {};
    },

    ListTagsForResource(input, ctx) {
      const arn = pipelineArn(requireString(input, 'resourceArn', V));
      return { tags: ctx.world.tags.list(arn) };
    },
  };
}

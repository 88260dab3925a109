import { iamArn } from '../../../core/arns';
import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import { paginate } from '../../../core/pagination';
import type { RequestContext } from '../../../core/types';
import { optionalNumber } from '../../../core/validate';

/** CodePipeline's code for bad input. */
export const INVALID = 'ValidationException';

/** Who the sandbox says made a change (it checks no identity). */
export const callerArn = (ctx: RequestContext) =>
  iamArn(callerScope(ctx), 'user/sandbox');

/** One page by `nextToken` and `maxResults` (1 to `max`, default `max`). */
export function pipelinePage<T>(items: T[], input: any, max: number) {
  const maxResults = optionalNumber(input, 'maxResults', INVALID);
  if (maxResults !== undefined && (maxResults < 1 || maxResults > max)) {
    throw new AwsError(
      INVALID,
      `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    );
  }
  return paginate(items, {
    nextToken: input.nextToken,
    maxResults,
    defaultMaxResults: max,
    invalidTokenCode: 'InvalidNextTokenException',
  });
}

/** CodePipeline tags are `{ key, value }`. */
export function codePipelineTagsInput(
  list: unknown,
): { key: string; value: string }[] {
  return ((list ?? []) as { key?: string; value?: string }[]).map(t => {
    if (typeof t?.key !== 'string' || !t.key) {
      throw new AwsError('InvalidTagsException', 'A tag must have a key');
    }
    return { key: t.key, value: t.value ?? '' };
  });
}

import type { Scope } from './arns';
import type { RequestContext } from './types';

/** The account and region a call acts in. */
export function callerScope(ctx: RequestContext): Scope {
  return { accountId: ctx.accountId, region: ctx.region };
}

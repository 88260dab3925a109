import type { SeedContext } from '../core/types';
import { invokeFleetCaller, type FleetCaller } from '../testing/fleetCaller';

/*
 * Shared by the seeding steps that create a service's AWS resources through
 * the sandbox's own operations (the same handlers and validation an SDK call
 * gets), with the builders of `../testing`.
 */

/** @public */
export interface Placement {
  accountId: string;
  region: string;
  env: string;
}

/** The fleet builders' caller in a placement's account and region. */
export function callerAt(
  ctx: SeedContext,
  at: { accountId: string; region: string },
): FleetCaller {
  return invokeFleetCaller(ctx.invoke, {
    accountId: at.accountId,
    region: at.region,
  });
}

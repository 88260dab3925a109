import { InputError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { refuseConflicts } from '../authz/refusal';

/** What every action's plan says before anything is created. */
export interface PlanOutcome {
  conflicts: string[];
  /** What earlier steps create: an error outside a dry run. */
  missing?: string[];
  create: string[];
}

/**
 * Settles a plan the same way in every action: conflicts refuse the step;
 * missing dependencies refuse it outside a dry run (a dry run's earlier
 * steps created nothing) and are logged in one; a dry run then says what it
 * would create. Returns whether the step goes on to create.
 *
 * @public
 */
export function settlePlan(
  ctx: { isDryRun?: boolean; logger: Pick<LoggerService, 'info' | 'warn'> },
  what: string,
  plan: PlanOutcome,
  /** What to do about missing dependencies, for the message. */
  missingHint = "the template's earlier steps create them",
): boolean {
  refuseConflicts(what, plan.conflicts);
  if (plan.missing?.length) {
    const message = `${plan.missing.join(', ')} missing; ${missingHint}`;
    if (!ctx.isDryRun) throw new InputError(`name: ${message}`);
    ctx.logger.warn(`Dry run: ${message} (an earlier step creates it)`);
  }
  if (!ctx.isDryRun) return true;
  ctx.logger.info(
    plan.create.length
      ? `Dry run: would create ${plan.create.join(', ')}`
      : 'Dry run: everything exists',
  );
  return false;
}

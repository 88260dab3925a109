import { ConflictError } from '@backstage/errors';

/**
 * Refuses a run with every conflict at once, so the person fixing the
 * template or the names sees them all, before anything is created.
 *
 * @public
 */
export function refuseConflicts(what: string, conflicts: string[]): void {
  if (conflicts.length === 0) return;
  throw new ConflictError(
    `Cannot create ${what}: ${conflicts.join(
      '; ',
    )}. This step created nothing.`,
  );
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';

/**
 * What an action applies its plan with: the task's checkpoints (a retried
 * task gets the stored result instead of a second AWS call) and its log.
 *
 * @public
 */
export interface ApplyContext {
  checkpoint<T extends JsonValue | void>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T>;
  logger: Pick<LoggerService, 'info'>;
  /** Prefix of checkpoint keys, unique per resource scope (account, region, name). */
  keyPrefix: string;
}

/**
 * Reuses what exists, or creates it once: the creation runs inside a
 * checkpoint, so a retried task does not create it twice.
 *
 * @public
 */
export async function ensure<T extends JsonValue>(
  apply: ApplyContext,
  step: {
    key: string;
    /** For the log: "target group payments-api-dev-blue". */
    what: string;
    existing: T | undefined;
    create: () => Promise<T>;
  },
): Promise<T> {
  if (step.existing !== undefined) return step.existing;
  const value = await apply.checkpoint({
    key: `${apply.keyPrefix}.${step.key}`,
    fn: step.create,
  });
  apply.logger.info(`Created ${step.what}`);
  return value as T;
}

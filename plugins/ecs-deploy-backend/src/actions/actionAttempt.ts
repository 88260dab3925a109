import { CustomErrorBase, ServiceUnavailableError } from '@backstage/errors';
import {
  errorCodeOf,
  toBackstageError,
  withErrorCode,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { ActionAttempt } from './types';

const OUTCOME_UNKNOWN = 'OutcomeUnknown';

// Network failures after the request left: AWS may have received and applied it.
const AFTER_SENDING = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'TimeoutError',
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

// What the SDK's retry layer makes of a thrown value that is not an `Error`
// of this realm (a Node socket error seen from a VM context): only its text
// survives, `AWS SDK error wrapper for TimeoutError: socket hang up`.
const WRAPPED = /^AWS SDK error wrapper for (\w+)/;

function errorName(sdk: SdkErrorShape): string | undefined {
  return WRAPPED.exec(sdk.message ?? '')?.[1] ?? sdk.name;
}

/**
 * Whether AWS may have acted on a mutating call that failed. AWS answering
 * 4xx refused it; a 5xx, a timeout or a connection lost after sending leave
 * it open. A call the SDK retried is open too: an earlier try may have been
 * applied before its answer was lost. A connection never made (refused,
 * DNS) or missing credentials never reached AWS.
 */
export function mayHaveActed(error: unknown): boolean {
  const sdk = (error ?? {}) as SdkErrorShape;
  if ((sdk.$metadata?.attempts ?? 1) > 1) return true;
  const status = sdk.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status < 400;
  return (
    AFTER_SENDING.has(errorName(sdk) ?? '') || AFTER_SENDING.has(sdk.code ?? '')
  );
}

export function isOutcomeUnknown(error: unknown): boolean {
  return errorCodeOf(error) === OUTCOME_UNKNOWN;
}

/** The 503 saying that AWS may have acted, and that retrying is safe. */
export function outcomeUnknownError(cause: Error): Error {
  return withErrorCode(
    new ServiceUnavailableError(
      `The outcome is unknown, AWS may have acted: ${cause.message}. Retry with the same Idempotency-Key: the backend reads AWS before acting again`,
      cause,
    ),
    OUTCOME_UNKNOWN,
  );
}

/**
 * One try of an action. `applied()` says whether its mutating call returned,
 * so that a failure after it (the outcome could not be built or recorded)
 * is not taken for a failure of the action.
 */
export function startAttempt(requestToken: string): {
  attempt: ActionAttempt;
  applied(): boolean;
} {
  let applied = false;
  const attempt: ActionAttempt = {
    requestToken,
    async mutate(send) {
      let result;
      try {
        result = await send();
      } catch (error) {
        // The gateways map AWS's errors, keeping what AWS answered as the cause.
        const mapped =
          error instanceof CustomErrorBase ? error : toBackstageError(error);
        const answered = (mapped === error && mapped.cause) || error;
        throw mayHaveActed(answered) ? outcomeUnknownError(mapped) : mapped;
      }
      applied = true;
      return result;
    },
    undone() {
      applied = false;
    },
  };
  return { attempt, applied: () => applied };
}

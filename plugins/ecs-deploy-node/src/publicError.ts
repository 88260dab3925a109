import { isError, stringifyError } from '@backstage/errors';
import { errorCodeOf } from './errorCode';

/**
 * What a caller is told about an error: its kind, our description of what
 * failed, a machine-readable code and the HTTP status. Never a stack, a
 * cause or AWS metadata.
 *
 * @public
 */
export interface PublicError {
  /** The `@backstage/errors` kind (`NotFoundError`); `Error` if unexpected. */
  name: string;
  /** What failed, without the cause's text. */
  message: string;
  /** The error's own code (`ThrottlingException`) or the kind's default. */
  code: string;
  /** The HTTP status of the kind; 500 when unexpected. */
  statusCode: number;
}

// Backstage's error kinds, their status and the code answered when an error
// carries none of its own.
const KINDS: Record<string, { statusCode: number; code: string }> = {
  InputError: { statusCode: 400, code: 'InvalidInput' },
  AuthenticationError: { statusCode: 401, code: 'Unauthenticated' },
  NotAllowedError: { statusCode: 403, code: 'NotAllowed' },
  NotFoundError: { statusCode: 404, code: 'NotFound' },
  ConflictError: { statusCode: 409, code: 'Conflict' },
  NotImplementedError: { statusCode: 501, code: 'NotImplemented' },
  ServiceUnavailableError: { statusCode: 503, code: 'ServiceUnavailable' },
};

/**
 * The error as a caller may see it. A `@backstage/errors` kind keeps its
 * name and message (without the "; caused by …" that `@backstage/errors`
 * appends from the cause, which is how it failed rather than what); its code
 * is the one it carries (`withErrorCode`) or the kind's default. Anything
 * else is unexpected: a 500 `Error` with code `Internal` and
 * `unexpectedMessage`, since its text is internal.
 *
 * @public
 */
export function publicError(
  error: unknown,
  unexpectedMessage: string,
): PublicError {
  const kind = isError(error) ? KINDS[error.name] : undefined;
  if (!kind || !isError(error)) {
    return {
      name: 'Error',
      message: unexpectedMessage,
      code: 'Internal',
      statusCode: 500,
    };
  }
  return {
    name: error.name,
    message: ownMessage(error),
    code: errorCodeOf(error) ?? kind.code,
    statusCode: kind.statusCode,
  };
}

function ownMessage(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause === undefined) return error.message;
  const suffix = `caused by ${stringifyError(cause)}`;
  if (error.message === suffix) return error.name;
  return error.message.endsWith(`; ${suffix}`)
    ? error.message.slice(0, -suffix.length - 2)
    : error.message;
}

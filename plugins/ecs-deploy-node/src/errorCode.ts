/**
 * A machine-readable code carried by an error and answered to clients as
 * `error.code`: the AWS exception name for errors that came from AWS
 * (`ThrottlingException`), or one of the suite's own codes
 * (`ActionInProgress`, `NotTaggedForEntity`).
 *
 * @public
 */
export function withErrorCode<E extends Error>(error: E, code: string): E {
  Object.defineProperty(error, 'code', {
    value: code,
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return error;
}

/**
 * The code {@link withErrorCode} put on an error, if any.
 *
 * @public
 */
export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

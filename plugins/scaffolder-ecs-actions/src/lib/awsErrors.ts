/**
 * True when `error` is an AWS SDK exception with one of the given names; used
 * where "does not exist" is an answer, not a failure.
 */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    names.includes((error as { name?: string }).name ?? '')
  );
}

import { AwsError } from './AwsError';

/*
 * Input checks shared by the handlers. Each service passes its own error code
 * (ECS `InvalidParameterException`, CodePipeline `ValidationException`, ELBv2
 * `ValidationError`), because the SDK raises the class named by the code.
 */

/** @public */
export function requireString(
  input: Record<string, unknown> | undefined,
  field: string,
  code: string,
): string {
  const value = input?.[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new AwsError(
      code,
      value === undefined || value === null
        ? `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`
        : `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must be a non-empty string`,
    );
  }
  return value;
}

/** @public */
export function optionalString(
  input: Record<string, unknown> | undefined,
  field: string,
  code: string,
): string | undefined {
  const value = input?.[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new AwsError(
      code,
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must be a string`,
    );
  }
  return value;
}

/** @public */
export function optionalNumber(
  input: Record<string, unknown> | undefined,
  field: string,
  code: string,
): number | undefined {
  const value = input?.[field];
  if (value === undefined || value === null) return undefined;
  // Query-protocol inputs arrive as strings.
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new AwsError(
      code,
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must be a number`,
    );
  }
  return n;
}

/** @public */
export function optionalArray<T = unknown>(
  input: Record<string, unknown> | undefined,
  field: string,
  code: string,
): T[] | undefined {
  const value = input?.[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new AwsError(
      code,
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must be a list`,
    );
  }
  return value as T[];
}

/** @public */
export function requireArray<T = unknown>(
  input: Record<string, unknown> | undefined,
  field: string,
  code: string,
): T[] {
  const value = optionalArray<T>(input, field, code);
  if (!value) {
    throw new AwsError(
      code,
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

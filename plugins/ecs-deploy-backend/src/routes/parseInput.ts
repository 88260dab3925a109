import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** An environment name as annotations spell it. */
export const environmentName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, _ -');

/**
 * Parses request input; a failure is an `InputError` naming each bad field
 * (`limit: Too big: expected number to be <=100`).
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues
      .map(i => `${i.path.join('.') || 'request'}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid request: ${details}`);
  }
  return result.data;
}

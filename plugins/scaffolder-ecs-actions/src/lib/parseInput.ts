import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/**
 * An action's input schema in createTemplateAction's shape: field name to a
 * function building its zod type.
 */
export type InputSchema = Record<string, (zImpl: typeof z) => z.ZodTypeAny>;

/**
 * Parses an action's input with its own zod schema. The scaffolder only checks
 * input against the JSON schema derived from it, which applies no defaults and
 * loses zod refinements, so each handler parses again: defaults are filled and
 * a bad value fails with an InputError naming the field, before any AWS call.
 * Unknown fields are refused rather than ignored, so a template that passes
 * an account, role or ARN learns that the action takes none.
 */
export function parseInput<S extends InputSchema>(
  schema: S,
  input: unknown,
): { [K in keyof S]: z.output<ReturnType<S[K]>> } {
  const shape = Object.fromEntries(
    Object.entries(schema).map(([key, build]) => [key, build(z)]),
  );
  const result = z.object(shape).strict().safeParse(input);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(issue =>
          issue.code === 'unrecognized_keys'
            ? `${issue.keys.join(
                ', ',
              )}: not an input of this action (accounts, clusters, networks, roles and load balancers come from ecsDeploy.scaffolder.environments)`
            : `${issue.path.join('.') || 'input'}: ${issue.message}`,
        )
        .join('; '),
    );
  }
  return result.data as { [K in keyof S]: z.output<ReturnType<S[K]>> };
}

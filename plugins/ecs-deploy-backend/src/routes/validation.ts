import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { z } from 'zod';

// Entity refs as the catalog validates them: no `.` or `..` segment, no `/`,
// first character a letter or digit, at most 63 characters. A ref the catalog
// could not hold must not reach the catalog client, which builds URLs from it.
const { isValidKind, isValidNamespace, isValidObjectName } =
  KubernetesValidatorFunctions;

export const entityParams = z.object({
  kind: z
    .string()
    .refine(
      isValidKind,
      'must be an entity kind: a letter, then letters or digits (at most 63)',
    ),
  // Refs compare case-insensitively, so `Default` names `default`.
  namespace: z
    .string()
    .refine(
      ns => isValidNamespace(ns.toLocaleLowerCase('en-US')),
      'must be a namespace: letters, digits and -, starting and ending with a letter or digit (at most 63)',
    ),
  name: z
    .string()
    .refine(
      isValidObjectName,
      'must be an entity name: letters, digits and - _ ., starting and ending with a letter or digit (at most 63)',
    ),
});

const environment = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, _ -');

const statusList = z
  .string()
  .transform(s =>
    s
      .split(',')
      .map(x => x.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.enum(DEPLOYMENT_STATUSES as [DeploymentStatus, ...DeploymentStatus[]]),
    ),
  );

export const historyQuery = z.object({
  environment: environment.optional(),
  status: statusList.optional(),
  cursor: z.string().min(1).max(8192).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const environmentQuery = z.object({ environment });

export const optionalEnvironmentQuery = z.object({
  environment: environment.optional(),
});

export const deploymentParams = entityParams.extend({
  deploymentId: z.string().min(1).max(200),
});

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

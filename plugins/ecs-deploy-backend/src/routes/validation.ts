import { InputError } from '@backstage/errors';
import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { z } from 'zod';

const name = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9._-]+$/, 'must contain only letters, digits, . _ -');

export const entityParams = z.object({
  kind: name,
  namespace: name,
  name,
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

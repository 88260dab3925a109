import { InputError } from '@backstage/errors';
import {
  ECS_DEPLOY_ACTION_NAMES,
  EcsDeployActionName,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { z } from 'zod';
import { environmentName as environment } from './parseInput';

/* The path, header and query parameters of the action routes (the bodies: actions/actionRequest.ts). */

export const actionParams = z.object({
  action: z.enum(
    ECS_DEPLOY_ACTION_NAMES as [EcsDeployActionName, ...EcsDeployActionName[]],
  ),
});

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** The optional `Idempotency-Key` header; malformed is a 400 naming it. */
export function parseIdempotencyKey(
  value: string | string[] | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY.test(value)) {
    throw new InputError(
      `Invalid request: Idempotency-Key: must be 8 to 128 letters, digits or . _ : - (a UUID is fine)`,
    );
  }
  return value;
}

export const ledgerQuery = z.object({
  environment: environment.optional(),
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const previewQuery = z.object({ from: environment, to: environment });

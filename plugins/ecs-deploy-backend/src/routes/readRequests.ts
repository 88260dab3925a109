import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { z } from 'zod';
import { entityParams } from './entityParams';
import { environmentName as environment } from './parseInput';

/* The query and path parameters of the read routes. */

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

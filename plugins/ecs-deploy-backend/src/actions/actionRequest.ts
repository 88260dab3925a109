import { InputError } from '@backstage/errors';
import {
  EcsDeployActionName,
  EcsDeployActionRequest,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { z } from 'zod';
import {
  environmentName as environment,
  parseInput,
} from '../routes/parseInput';
import { ACTED_ON_KINDS, deploymentIdExpected } from '../systems/registry';

// History ids of the entries the systems act on (`codedeploy:d-…`, `ecs:…`);
// pipeline executions are not deployments these actions apply to.
const deploymentId = z
  .string()
  .max(200)
  .refine(id => {
    const kind = parseDeploymentId(id)?.kind;
    return !!kind && ACTED_ON_KINDS.includes(kind);
  }, `must be ${deploymentIdExpected()}`);
const executionId = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,128}$/, 'must be a pipeline execution id');

const deploymentBody = z.object({ environment, deploymentId });

const bodies = {
  continue: deploymentBody,
  'finish-early': deploymentBody,
  rollback: deploymentBody,
  approve: z
    .object({
      environment,
      // The execution the user reviewed, not whichever waits when this arrives.
      pipelineExecutionId: executionId,
      decision: z.enum(['Approved', 'Rejected']),
      comment: z.string().trim().max(400).optional(),
    })
    .superRefine((body, ctx) => {
      if (body.decision === 'Rejected' && !body.comment) {
        ctx.addIssue({
          code: 'custom',
          path: ['comment'],
          message: 'required when rejecting: say why',
        });
      }
    }),
  'start-pipeline': z.object({ environment }),
  'retry-stage': z.object({
    environment,
    stageName: z.string().min(1).max(100),
    pipelineExecutionId: executionId,
  }),
  promote: z.object({
    environment,
    from: environment,
    imageDigest: z
      .string()
      .regex(
        /^sha256:[a-f0-9]{64}$/,
        'must be an image digest, sha256:<64 hex>',
      ),
  }),
} satisfies Record<EcsDeployActionName, z.ZodTypeAny>;

/** The action's JSON body, validated (InputError naming each bad field). */
export function parseActionRequest(
  action: EcsDeployActionName,
  body: unknown,
): EcsDeployActionRequest {
  const parsed: { environment: string; from?: string } = parseInput(
    bodies[action],
    body ?? {},
  );
  if (action === 'promote' && parsed.from === parsed.environment) {
    throw new InputError(
      `Invalid request: from: must differ from environment ('${parsed.environment}')`,
    );
  }
  return { action, ...parsed } as EcsDeployActionRequest;
}

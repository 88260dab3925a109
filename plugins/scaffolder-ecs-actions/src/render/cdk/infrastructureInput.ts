import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/**
 * The `infrastructure` choice of `ecs:infra-repo:create` and, for `cdk`, how
 * the CDK app deploys: the choices `ecs:service:create`,
 * `ecs:codedeploy:create` and `ecs:pipeline:create` otherwise take, per
 * environment where they differ.
 */
export const infrastructureInput = {
  infrastructure: (z: Z) =>
    z
      .enum(['actions', 'cdk'], {
        description:
          "actions: the template's ecs:* steps create the AWS resources; cdk: the repository also holds a CDK app (cdk/) that declares them, deployed with cdk deploy",
      })
      .default('actions'),
  cdk: (z: Z) =>
    z
      .object(
        {
          strategy: z
            .enum(['ROLLING', 'BLUE_GREEN', 'CANARY', 'LINEAR'])
            .optional(),
          loadBalanced: z.boolean().default(true),
          healthCheckPath: z
            .string()
            .regex(
              /^\/[\x21-\x7e]{0,1023}$/,
              'healthCheckPath must be a URL path',
            )
            .default('/'),
          desiredCount: z.number().int().min(0).max(100).default(1),
          trafficShift: z
            .object({
              type: z.enum(['all-at-once', 'canary', 'linear']),
              percentage: z.number().int().min(1).max(99).optional(),
              intervalMinutes: z.number().int().min(1).max(2880).optional(),
            })
            .strict()
            .default({ type: 'canary', percentage: 10, intervalMinutes: 5 }),
          bakeTimeInMinutes: z.number().int().min(0).max(1440).optional(),
          terminationWaitMinutes: z.number().int().min(0).max(2880).default(60),
          manualApproval: z.array(z.string()).default([]),
          holdBeforeTraffic: z.array(z.string()).default([]),
          alarms: z
            .array(
              z
                .string()
                .regex(/^[^\s*?][^*?]{0,254}$/, 'each must be an alarm name'),
            )
            .max(10)
            .default([]),
          autoRollback: z.boolean().default(true),
        },
        {
          description:
            'With infrastructure cdk: strategy and loadBalanced (ECS controller), healthCheckPath, desiredCount, trafficShift, terminationWaitMinutes, alarms and autoRollback (CODE_DEPLOY), bakeTimeInMinutes, and the environments with a manualApproval stage or a holdBeforeTraffic',
        },
      )
      .strict()
      .default({}),
};

/** The parsed `cdk` input. */
export type CdkDeploymentOptions = zod.output<
  ReturnType<(typeof infrastructureInput)['cdk']>
>;

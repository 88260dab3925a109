import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/**
 * Inputs that pick or override an environment of
 * `ecsDeploy.scaffolder.environments`; shared by the per-environment actions.
 */
export const environmentInput = {
  environment: (z: Z) =>
    z.string({
      description:
        'Environment name (dev, staging, prod); its account, region and cluster come from ecsDeploy.scaffolder.environments unless given below',
    }),
  accountId: (z: Z) =>
    z.string({ description: 'AWS account id (overrides config)' }).optional(),
  region: (z: Z) =>
    z.string({ description: 'AWS region (overrides config)' }).optional(),
};

/** Inputs naming the entity that owns what an action creates. */
export const entityInput = {
  name: (z: Z) =>
    z.string({
      description:
        'Component name; also the ECS service, container and ECR repository name',
    }),
  entityRef: (z: Z) =>
    z
      .string({
        description:
          'Owning entity, tagged on every resource; default component:default/<name>',
      })
      .optional(),
};

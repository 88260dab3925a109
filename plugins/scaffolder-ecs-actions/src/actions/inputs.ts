import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/*
 * Input fragments shared by the ecs:* actions. None of them names an AWS
 * resource, account, role or path: those follow from the component name and
 * the chosen environment's config.
 */

/** The component the resources are created for, and who will own it. */
export const serviceIdentity = {
  name: (z: Z) =>
    z.string({
      description:
        'Component name; also the ECS service, container and ECR repository name',
    }),
  namespace: (z: Z) =>
    z
      .string({ description: 'Catalog namespace of the component' })
      .default('default'),
  owner: (z: Z) =>
    z.string({
      description:
        'Owning group, e.g. group:default/team-payments; the caller must be a member',
    }),
};

/** One environment of `ecsDeploy.scaffolder.environments`, by name. */
export const environmentChoice = {
  environment: (z: Z) =>
    z.string({
      description:
        'Environment name (dev, staging, prod); its account, region, cluster, network and roles come from ecsDeploy.scaffolder.environments',
    }),
};

/** How the service is deployed. */
export const deploymentChoice = {
  deploymentController: (z: Z) =>
    z
      .enum(['CODE_DEPLOY', 'ECS'], {
        description:
          'CODE_DEPLOY (blue/green by CodeDeploy) or ECS (ECS deploys itself)',
      })
      .default('CODE_DEPLOY'),
  strategy: (z: Z) =>
    z
      .enum(['ROLLING', 'BLUE_GREEN', 'CANARY', 'LINEAR'], {
        description:
          'ECS controller strategy (default ROLLING); BLUE_GREEN with CODE_DEPLOY',
      })
      .optional(),
  loadBalanced: (z: Z) =>
    z
      .boolean({
        description:
          'Serve traffic through a load balancer; false only for ROLLING workers',
      })
      .default(true),
};

/** The task's size: `size` as the template offers it, or cpu and memory. */
export const taskSize = {
  size: (z: Z) =>
    z
      .string({
        description:
          "Fargate size as '<cpu units>/<memory MiB>', e.g. '512/1024'",
      })
      .optional(),
  cpu: (z: Z) =>
    z.union([z.string(), z.number()], { description: 'CPU units' }).optional(),
  memory: (z: Z) =>
    z
      .union([z.string(), z.number()], { description: 'Memory in MiB' })
      .optional(),
};

export const containerPort = {
  containerPort: (z: Z) =>
    z
      .number({ description: 'Port the container listens on' })
      .int()
      .min(1, 'containerPort must be 1-65535')
      .max(65535, 'containerPort must be 1-65535'),
};

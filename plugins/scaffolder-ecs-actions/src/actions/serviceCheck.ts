import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { refuseConflicts } from '../authz/refusal';
import {
  environmentNamed,
  registryLocation,
} from '../config/resolveEnvironment';
import { assertEntityName } from '../lib/names';
import { InputSchema, parseInput } from '../lib/parseInput';
import { checkService } from '../plan/checkService';
import type { TrafficShift } from '../plan/deploymentConfig';
import {
  defaultInfraRepositoryName,
  locateInfraRepository,
} from '../publish/infraRepositoryLocation';
import { examples } from './serviceCheck.examples';
import { deploymentChoice, serviceIdentity } from './inputs';
import type { EcsActionOptions } from './options';

const inputSchema = {
  ...serviceIdentity,
  ...deploymentChoice,
  environments: z =>
    z
      .array(z.string(), {
        description: 'Environments the service will be created in, by name',
      })
      .min(1, 'environments needs at least one environment'),
  trafficShift: z =>
    z
      .object({
        type: z.enum(['all-at-once', 'canary', 'linear']),
        percentage: z.number().int().min(1).max(99).optional(),
        intervalMinutes: z.number().int().min(1).max(2880).optional(),
      })
      .strict()
      .optional(),
  repositoryName: z =>
    z
      .string({
        description: 'The infrastructure repository; default <name>-infra',
      })
      .optional(),
} satisfies InputSchema;

/**
 * `ecs:service:check`: the template's first step. Runs every check the later
 * steps run (who may create the service for which owner, and, in every
 * environment, whether each name the service would use is free or already
 * its own) and creates nothing, so a run that would touch another team's
 * resources fails before anything exists. The later actions check again for
 * themselves; this step makes the refusal whole and early.
 *
 * @public
 */
export function createServiceCheckAction(options: EcsActionOptions) {
  const { clients, settings, tagKeys, authorizer } = options;
  return createTemplateAction({
    id: 'ecs:service:check',
    description:
      'Checks, before anything is created, that the caller may create the service and that no name it would use belongs to anything else.',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        entityRef: z => z.string(),
        ownerRef: z => z.string(),
        plan: z =>
          z.array(z.string(), {
            description: 'What the later steps will create, per environment',
          }),
      },
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input);
      assertEntityName('name', input.name);
      const envs = input.environments.map((name, i) =>
        environmentNamed(settings, name, `environments[${i}]`),
      );
      const infraRepository = locateInfraRepository(
        settings.infraRepository,
        input.repositoryName ?? defaultInfraRepositoryName(input.name),
      );
      const owner = await authorizer.authorize(ctx, input);
      const { entityRef, ownerRef } = owner;
      const { conflicts, plan } = await checkService(
        { clients, tagKeys },
        {
          name: input.name,
          owner,
          environments: envs,
          registry: registryLocation(settings),
          deployment: input,
          trafficShift: input.trafficShift as TrafficShift | undefined,
          infraRepository,
        },
      );
      refuseConflicts(entityRef, conflicts);
      ctx.logger.info(
        `${entityRef} can be created for ${ownerRef}; the next steps create: ${
          plan.join('; ') || 'nothing (everything exists and is its own)'
        }`,
      );
      ctx.output('entityRef', entityRef);
      ctx.output('ownerRef', ownerRef);
      ctx.output('plan', plan);
    },
  });
}

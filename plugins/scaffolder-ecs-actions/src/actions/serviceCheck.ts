import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { notOurs, standingOf } from '../authz/adoption';
import { refuseConflicts } from '../authz/refusal';
import { findRepository } from '../aws/ecr';
import {
  environmentNamed,
  registryLocation,
} from '../config/resolveEnvironment';
import type { EnvironmentTarget } from '../config/scaffolderConfig';
import { inspectCodeDeploySite } from '../inspect/codeDeploySite';
import { inspectPipelineSite } from '../inspect/pipelineSite';
import { inspectServiceSite } from '../inspect/serviceSite';
import { assertEntityName } from '../lib/names';
import { InputSchema, parseInput } from '../lib/parseInput';
import { codeDeploySpec, planCodeDeploy } from '../plan/codeDeployPlan';
import { pipelineTarget, planPipeline } from '../plan/pipelinePlan';
import { planService } from '../plan/servicePlan';
import { ecrRepositoryName } from '../plan/serviceNames';
import { serviceLayout } from '../plan/serviceSpec';
import {
  defaultInfraRepositoryName,
  localRepositoryComponent,
  locateInfraRepository,
  repositoryStanding,
} from '../publish/infraRepositoryLocation';
import { examples } from './serviceCheck.examples';
import type { TrafficShift } from '../plan/deploymentConfig';
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
      const registry = registryLocation(settings);
      const conflicts: string[] = [];
      const plan: string[] = [];

      const repositoryName = ecrRepositoryName(input.name);
      const [repository, infraOwner] = await Promise.all([
        clients
          .forResource(registry)
          .then(({ ecr }) => findRepository(ecr, repositoryName)),
        infraRepository.localDir
          ? localRepositoryComponent(infraRepository.localDir)
          : undefined,
      ]);
      if (standingOf(repository, owner, tagKeys) === 'foreign') {
        conflicts.push(
          notOurs(
            'name',
            `ECR repository '${repositoryName}' (${registry.accountId}/${registry.region})`,
            entityRef,
            tagKeys,
          ),
        );
      }
      if (!repository) plan.push(`ECR repository ${repositoryName}`);
      if (repositoryStanding(infraOwner, owner) === 'foreign') {
        conflicts.push(
          `repositoryName: ${infraRepository.localDir} exists and is not the infrastructure repository of ${entityRef}`,
        );
      }

      const checkEnvironment = async (env: EnvironmentTarget) => {
        const layout = serviceLayout({
          name: input.name,
          owner,
          env,
          deployment: input,
        });
        const codeDeploy =
          layout.controller === 'CODE_DEPLOY'
            ? codeDeploySpec(layout, {
                trafficShift: (input.trafficShift as TrafficShift) ?? {
                  type: 'canary',
                },
                waitForApproval: false,
                readyWaitMinutes: 60,
                terminationWaitMinutes: 60,
                alarms: [],
                autoRollback: true,
              })
            : undefined;
        const pipeline = pipelineTarget({
          name: input.name,
          owner,
          env,
          registry,
          deploy: codeDeploy ? 'codedeploy' : 'ecs',
          // checked once above for every environment
          infraRepository: { ...infraRepository, localDir: undefined },
        });
        const [aws, registryClients] = await Promise.all([
          clients.forResource(env),
          clients.forResource(registry),
        ]);
        const [site, pipelineSite] = await Promise.all([
          inspectServiceSite(aws, layout),
          inspectPipelineSite(
            { pipeline: aws, registry: registryClients },
            pipeline,
          ),
        ]);
        const codeDeploySite = codeDeploy
          ? await inspectCodeDeploySite(aws, codeDeploy, site)
          : undefined;
        const service = planService(layout, site, tagKeys);
        const group =
          codeDeploy && codeDeploySite
            ? planCodeDeploy(codeDeploy, codeDeploySite, tagKeys)
            : undefined;
        const stages = planPipeline(pipeline, pipelineSite, tagKeys);
        // The group's plan repeats the service's conflicts: count them once.
        const found = new Set([
          ...service.conflicts,
          ...(group?.conflicts ?? []),
          ...stages.conflicts,
        ]);
        conflicts.push(...[...found].map(c => `${env.name}: ${c}`));
        plan.push(
          ...[
            ...service.create,
            ...(group?.create ?? []),
            ...stages.create,
          ].map(c => `${env.name}: ${c}`),
        );
      };
      await Promise.all(envs.map(checkEnvironment));
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

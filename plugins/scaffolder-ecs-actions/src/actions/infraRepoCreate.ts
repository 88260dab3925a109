import path from 'node:path';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { pipelineConsoleUrl } from '@ecs-deploy/plugin-ecs-deploy-common';
import { registryLocation } from '../config/resolveEnvironment';
import { parseFargateSize } from '../lib/fargate';
import { assertEntityName } from '../lib/names';
import { InputSchema, parseInput } from '../lib/parseInput';
import { infraEnvironments } from '../plan/infraEnvironments';
import { serviceNames } from '../plan/serviceNames';
import {
  defaultInfraRepositoryName,
  locateInfraRepository,
} from '../publish/infraRepositoryLocation';
import { publishInfraRepository } from '../publish/publishInfraRepository';
import { cdkServiceSettings } from '../render/cdk/cdkServiceSettings';
import { infrastructureInput } from '../render/cdk/infrastructureInput';
import { renderInfraRepository } from '../render/renderInfraRepository';
import { examples } from './infraRepoCreate.examples';
import { containerPort, serviceIdentity, taskSize } from './inputs';
import type { EcsActionOptions } from './options';

const inputSchema = {
  ...serviceIdentity,
  system: z => z.string().optional(),
  description: z => z.string().max(1000).optional(),
  lifecycle: z => z.string().default('experimental'),
  ...containerPort,
  ...taskSize,
  environments: z =>
    z
      .array(z.string(), {
        description:
          'Environments in promotion order, by name from ecsDeploy.scaffolder.environments',
      })
      .min(1, 'environments needs at least one environment'),
  deploymentController: z =>
    z
      .enum(['CODE_DEPLOY', 'ECS'], {
        description: 'Decides the pipeline deploy files',
      })
      .default('CODE_DEPLOY'),
  repositoryName: z =>
    z
      .string({ description: 'Name of the repository; default <name>-infra' })
      .optional(),
  sourcePath: z =>
    z
      .string({ description: 'Workspace directory the files are written to' })
      .default('infra'),
  ...infrastructureInput,
} satisfies InputSchema;

/**
 * `ecs:infra-repo:create`: renders the service's infrastructure repository
 * and publishes it to the configured target (`ecsDeploy.scaffolder.infraRepository`):
 *
 * - `local`: a git repository in a directory (sandbox and demos), committed by
 *   this action; the catalog reads it through a `file` location.
 * - `github`: the files are written into the task workspace and the template's
 *   `publish:github` step (conditional on the `publishTarget` output) creates
 *   the repository. Backstage's own action already handles repository
 *   creation, access, branch protection and GitHub App or token credentials
 *   from the `integrations.github` config; repeating that here would be a
 *   second, weaker copy. This action checks that the host has an integration.
 *
 * @public
 */
export function createInfraRepoCreateAction(
  options: EcsActionOptions & { integrations: ScmIntegrationRegistry },
) {
  const { settings, integrations, authorizer, tagKeys } = options;
  return createTemplateAction({
    id: 'ecs:infra-repo:create',
    description:
      'Renders the infrastructure repository of an ECS service (taskdef.json, appspec.yaml, imagedefinitions.json, buildspec.yml, catalog-info.yaml; with infrastructure cdk also a CDK app declaring its AWS resources) and publishes it to the configured target.',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        publishTarget: z => z.enum(['local', 'github']),
        repoUrl: z =>
          z.string({
            description: 'For publish:github: host?owner=..&repo=..',
          }),
        fullRepositoryId: z =>
          z.string({
            description: 'owner/repository, as the pipelines read it',
          }),
        remoteUrl: z => z.string({ description: 'Where the repository lives' }),
        catalogInfoUrl: z =>
          z.string({
            description:
              'For catalog:register (github target; empty for local)',
          }),
        catalogInfoPath: z =>
          z.string({ description: 'catalog-info.yaml on disk (local target)' }),
        entityRef: z => z.string(),
        sourcePath: z => z.string(),
        files: z => z.array(z.string()),
        pipelineConsoleUrls: z =>
          z.array(z.string(), {
            description:
              "AWS console pages of the environments' pipelines, in promotion order (whoever creates them)",
          }),
      },
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input);
      assertEntityName('name', input.name);
      const size = parseFargateSize(input);
      const target = settings.infraRepository;
      const location = locateInfraRepository(
        target,
        input.repositoryName ?? defaultInfraRepositoryName(input.name),
      );
      if (
        target.type === 'github' &&
        !integrations.github.byHost(target.host)
      ) {
        throw new InputError(
          `No GitHub integration for ${target.host}: add it under integrations.github to publish infrastructure repositories`,
        );
      }
      const environments = infraEnvironments(settings, input);
      const owner = await authorizer.authorize(ctx, input);
      const { entityRef, ownerRef } = owner;
      const cdk =
        input.infrastructure === 'cdk'
          ? cdkServiceSettings({
              name: input.name,
              owner,
              tagKeys,
              settings,
              environments: input.environments,
              containerPort: input.containerPort,
              size,
              deploymentController: input.deploymentController,
              options: input.cdk,
              fullRepositoryId: location.fullRepositoryId,
            })
          : undefined;

      const files = renderInfraRepository(
        {
          name: input.name,
          namespace: input.namespace,
          owner: ownerRef,
          system: input.system,
          description: input.description,
          lifecycle: input.lifecycle,
          containerPort: input.containerPort,
          cpu: size.cpu,
          memory: size.memory,
          ecr: {
            ...registryLocation(settings),
            repositoryName: serviceNames(input.name, environments[0].name)
              .ecrRepository,
          },
          environments,
          sourceLocation:
            target.type === 'github'
              ? `${location.remoteUrl}/tree/${target.branch}/`
              : undefined,
        },
        { cdk },
      );

      await publishInfraRepository(ctx, {
        files,
        sourcePath: input.sourcePath,
        location,
        branch: target.branch,
        commitMessage: `Infrastructure of ${input.name}, created by Backstage`,
        owner,
      });

      ctx.output('publishTarget', location.type);
      ctx.output('repoUrl', location.repoUrl);
      ctx.output('fullRepositoryId', location.fullRepositoryId);
      ctx.output('remoteUrl', location.remoteUrl);
      ctx.output('catalogInfoUrl', location.catalogInfoUrl);
      ctx.output(
        'catalogInfoPath',
        location.localDir
          ? path.join(location.localDir, 'catalog-info.yaml')
          : '',
      );
      ctx.output('entityRef', entityRef);
      ctx.output('sourcePath', input.sourcePath);
      ctx.output('files', Object.keys(files).sort());
      ctx.output(
        'pipelineConsoleUrls',
        environments.map(e =>
          pipelineConsoleUrl({ region: e.region, name: e.pipelineName }),
        ),
      );
    },
  });
}

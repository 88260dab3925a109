import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ecrRepositoryArn,
  ecrRepositoryConsoleUrl,
  ecrRepositoryUri,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ensure } from '../apply/ensure';
import { notOurs, serviceTags, standingOf } from '../authz/adoption';
import { refuseConflicts } from '../authz/refusal';
import { createRepository, findRepository } from '../aws/ecr';
import { registryLocation } from '../config/resolveEnvironment';
import { InputSchema, parseInput } from '../lib/parseInput';
import { ecrRepositoryName } from '../plan/serviceNames';
import { examples } from './ecrEnsureRepository.examples';
import { serviceIdentity } from './inputs';
import type { EcsActionOptions } from './options';

const inputSchema = {
  ...serviceIdentity,
  scanOnPush: z =>
    z
      .boolean({ description: 'Scan images for vulnerabilities on push' })
      .default(true),
} satisfies InputSchema;

/**
 * `ecs:ecr:ensure-repository`: the service's ECR repository in the registry
 * account (`ecsDeploy.scaffolder.ecr`), named after the component, created
 * when missing. Tags stay mutable because promotion moves the environment
 * tags.
 *
 * @public
 */
export function createEcrEnsureRepositoryAction(options: EcsActionOptions) {
  const { clients, settings, tagKeys, authorizer } = options;
  return createTemplateAction({
    id: 'ecs:ecr:ensure-repository',
    description:
      'Creates the ECR repository of a service unless it exists (tagged with the entity).',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        repositoryArn: z => z.string({ description: 'ARN of the repository' }),
        repositoryUri: z =>
          z.string({ description: 'Image address without tag' }),
        created: z =>
          z.boolean({ description: 'False when it existed already' }),
        consoleUrl: z =>
          z.string({ description: 'AWS console page of the repository' }),
      },
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input);
      const owner = await authorizer.authorize(ctx, input);
      const { entityRef } = owner;
      const repositoryName = ecrRepositoryName(input.name);
      const registry = registryLocation(settings);
      const repository = { ...registry, name: repositoryName };
      const { ecr } = await clients.forResource(registry);

      const existing = await findRepository(ecr, repositoryName);
      const standing = standingOf(existing, owner, tagKeys);
      refuseConflicts(
        `the image repository of ${entityRef}`,
        standing === 'foreign'
          ? [
              notOurs(
                'name',
                `ECR repository '${repositoryName}' (${registry.accountId}/${registry.region})`,
                entityRef,
                tagKeys,
              ),
            ]
          : [],
      );
      let outputs = {
        repositoryArn:
          existing?.value.repositoryArn ?? ecrRepositoryArn(repository),
        repositoryUri:
          existing?.value.repositoryUri ?? ecrRepositoryUri(repository),
      };
      if (ctx.isDryRun) {
        ctx.logger.info(
          existing
            ? `Dry run: ECR repository ${repositoryName} exists; nothing to create`
            : `Dry run: would create ECR repository ${repositoryName} in ${registry.accountId}/${registry.region}`,
        );
      } else {
        outputs = await ensure(
          {
            checkpoint: ctx.checkpoint,
            logger: ctx.logger,
            keyPrefix: `ecs.ecr.${registry.accountId}.${registry.region}.${repositoryName}`,
          },
          {
            key: 'create',
            what: `ECR repository ${repositoryName}`,
            existing: existing ? outputs : undefined,
            create: () =>
              createRepository(ecr, {
                repositoryName,
                scanOnPush: input.scanOnPush,
                // Shared by the environments: no environment tag.
                tags: serviceTags(owner, '', tagKeys).filter(
                  t => t.Key !== tagKeys.environmentKey,
                ),
              }),
          },
        );
      }
      ctx.output('repositoryArn', outputs.repositoryArn);
      ctx.output('repositoryUri', outputs.repositoryUri);
      ctx.output('created', !existing && !ctx.isDryRun);
      ctx.output('consoleUrl', ecrRepositoryConsoleUrl(repository));
    },
  });
}

import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ListTagsForResourceCommand,
  Repository,
} from '@aws-sdk/client-ecr';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  isTaggedForEntity,
  tagRecord,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { awsCall } from '../lib/call';
import { isAwsError } from '../lib/awsErrors';
import { assertAwsName } from '../lib/names';
import { consoleLinks } from '../lib/consoleLinks';
import { ecrRepositoryArn, ecrRepositoryUri } from '../render/ecrNames';
import type { EcsActionOptions } from './options';
import { InputSchema, parseInput } from '../lib/parseInput';
import { examples } from './ecrEnsureRepository.examples';

const inputSchema = {
  repositoryName: z =>
    z.string({ description: 'Repository name, usually the component name' }),
  entityRef: z =>
    z
      .string({
        description:
          'Owning entity; default component:default/<repositoryName>',
      })
      .optional(),
  accountId: z =>
    z
      .string({
        description:
          'Account of the registry; default ecsDeploy.scaffolder.ecr.accountId',
      })
      .regex(/^\d{12}$/, 'accountId must be 12 digits')
      .optional(),
  region: z =>
    z.string({ description: 'Region; default from config' }).optional(),
  scanOnPush: z =>
    z
      .boolean({ description: 'Scan images for vulnerabilities on push' })
      .default(true),
} satisfies InputSchema;

/**
 * `ecs:ecr:ensure-repository`: the service's ECR repository, created when
 * missing. Tags stay mutable because promotion moves the environment tags
 * (field note 000).
 *
 * @public
 */
export function createEcrEnsureRepositoryAction(options: EcsActionOptions) {
  const { clients, settings, tagKeys } = options;
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
      const { repositoryName } = input;
      assertAwsName('ecrRepository', 'repositoryName', repositoryName);
      const entityRef =
        input.entityRef ?? `component:default/${repositoryName}`;
      const accountId = input.accountId ?? settings.ecr?.accountId;
      if (!accountId) {
        throw new InputError(
          'accountId is required (or configure ecsDeploy.scaffolder.ecr.accountId)',
        );
      }
      const region =
        input.region ?? settings.ecr?.region ?? clients.defaultRegion;
      const { ecr } = await clients.forResource({ accountId, region });
      const names = { accountId, region, repositoryName };

      const existing = await awsCall(
        'looking up the ECR repository',
        repositoryName,
        async (): Promise<Repository | undefined> => {
          try {
            const res = await ecr.send(
              new DescribeRepositoriesCommand({
                repositoryNames: [repositoryName],
              }),
            );
            return res.repositories?.[0];
          } catch (e) {
            if (isAwsError(e, 'RepositoryNotFoundException')) return undefined;
            throw e;
          }
        },
      );
      if (existing?.repositoryArn) {
        // A repository another entity owns must not receive this service's images.
        const tags = await awsCall(
          'reading ECR repository tags',
          repositoryName,
          () =>
            ecr.send(
              new ListTagsForResourceCommand({
                resourceArn: existing.repositoryArn,
              }),
            ),
        );
        const record = tagRecord(tags.tags);
        if (
          record[tagKeys.entityKey] !== undefined &&
          !isTaggedForEntity(record, entityRef, tagKeys)
        ) {
          throw new ConflictError(
            `repositoryName: ECR repository '${repositoryName}' belongs to ${
              record[tagKeys.entityKey]
            }, not ${entityRef}`,
          );
        }
      }

      const outputs = {
        repositoryArn: existing?.repositoryArn ?? ecrRepositoryArn(names),
        repositoryUri: existing?.repositoryUri ?? ecrRepositoryUri(names),
        consoleUrl: consoleLinks.ecrRepository(
          region,
          accountId,
          repositoryName,
        ),
      };
      if (ctx.isDryRun) {
        ctx.logger.info(
          existing
            ? `Dry run: ECR repository ${repositoryName} exists; nothing to create`
            : `Dry run: would create ECR repository ${repositoryName} in ${accountId}/${region}`,
        );
      } else if (!existing) {
        const created = await ctx.checkpoint({
          key: `ecs.ecr.create.${accountId}.${region}.${repositoryName}`,
          fn: async () => {
            const res = await awsCall(
              'creating the ECR repository',
              repositoryName,
              () =>
                ecr.send(
                  new CreateRepositoryCommand({
                    repositoryName,
                    imageTagMutability: 'MUTABLE',
                    imageScanningConfiguration: {
                      scanOnPush: input.scanOnPush,
                    },
                    tags: [{ Key: tagKeys.entityKey, Value: entityRef }],
                  }),
                ),
            );
            return {
              repositoryArn:
                res.repository?.repositoryArn ?? outputs.repositoryArn,
              repositoryUri:
                res.repository?.repositoryUri ?? outputs.repositoryUri,
            };
          },
        });
        Object.assign(outputs, created);
        ctx.logger.info(`Created ECR repository ${outputs.repositoryArn}`);
      } else {
        ctx.logger.info(
          `ECR repository ${outputs.repositoryArn} exists; nothing to create`,
        );
      }
      ctx.output('repositoryArn', outputs.repositoryArn);
      ctx.output('repositoryUri', outputs.repositoryUri);
      ctx.output('created', !existing && !ctx.isDryRun);
      ctx.output('consoleUrl', outputs.consoleUrl);
    },
  });
}

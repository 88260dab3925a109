import fs from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { resolveEnvironment } from '../config/resolveEnvironment';
import { parseFargateSize } from '../lib/fargate';
import { assertAwsName } from '../lib/names';
import { publishToLocalGitRepository } from '../publish/localGitRepository';
import { renderInfraRepository } from '../render/renderInfraRepository';
import type { ServiceEnvironmentSpec } from '../render/types';
import type { EcsActionOptions } from './options';
import { InputSchema, parseInput } from '../lib/parseInput';
import { examples } from './infraRepoCreate.examples';

const inputSchema = {
  name: z => z.string({ description: 'Component name' }),
  owner: z =>
    z.string({
      description: 'Owner entity ref, e.g. group:default/team-payments',
    }),
  system: z => z.string().optional(),
  description: z => z.string().optional(),
  lifecycle: z => z.string().default('experimental'),
  containerPort: z => z.number().int().min(1).max(65535),
  size: z =>
    z.string({ description: "'<cpu>/<memory>', e.g. '512/1024'" }).optional(),
  cpu: z => z.union([z.string(), z.number()]).optional(),
  memory: z => z.union([z.string(), z.number()]).optional(),
  environments: z =>
    z
      .array(
        z.union([
          z.string(),
          z.object({
            name: z.string(),
            accountId: z.string().optional(),
            region: z.string().optional(),
            cluster: z.string().optional(),
            executionRoleArn: z.string().optional(),
            taskRoleArn: z.string().optional(),
          }),
        ]),
        {
          description:
            'Environments in promotion order, by name (from config) or spelled out',
        },
      )
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
  const { clients, settings, integrations } = options;
  return createTemplateAction({
    id: 'ecs:infra-repo:create',
    description:
      'Renders the infrastructure repository of an ECS service (taskdef.json, appspec.yaml, imagedefinitions.json, buildspec.yml, catalog-info.yaml) and publishes it to the configured target.',
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
            description: 'owner/repository, for ecs:pipeline:create',
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
      },
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input);
      assertAwsName('entityName', 'name', input.name);
      const size = parseFargateSize(input);
      const repositoryName = input.repositoryName ?? `${input.name}-infra`;
      const target = settings.infraRepository;
      if (!settings.ecr && !settings.environments.length) {
        ctx.logger.warn(
          'ecsDeploy.scaffolder is not configured; everything must come from input',
        );
      }

      const environments: ServiceEnvironmentSpec[] = input.environments.map(
        e => {
          const given = typeof e === 'string' ? { name: e } : e;
          const env = resolveEnvironment(settings, clients.defaultRegion, {
            ...given,
            environment: given.name,
          });
          return {
            name: env.name,
            accountId: env.accountId,
            region: env.region,
            cluster: env.cluster,
            executionRoleArn: env.executionRoleArn,
            taskRoleArn: env.taskRoleArn,
            deployment:
              input.deploymentController === 'CODE_DEPLOY'
                ? 'codedeploy'
                : 'ecs',
            ...(input.deploymentController === 'CODE_DEPLOY'
              ? {
                  codeDeploy: {
                    application: input.name,
                    deploymentGroup: `${input.name}-${env.name}`,
                  },
                }
              : {}),
            pipelineName: `${input.name}-${env.name}`,
          };
        },
      );
      const ecrAccount = settings.ecr?.accountId ?? environments[0].accountId;
      const ecrRegion = settings.ecr?.region ?? environments[0].region;

      let owner: string;
      let repoUrl = '';
      let remoteUrl: string;
      let catalogInfoUrl = '';
      let localDir = '';
      if (target.type === 'github') {
        if (!target.owner) {
          throw new InputError(
            'ecsDeploy.scaffolder.infraRepository.owner is required for the github target',
          );
        }
        const integration = integrations.github.byHost(target.host);
        if (!integration) {
          throw new InputError(
            `No GitHub integration for ${target.host}: add it under integrations.github to publish infrastructure repositories`,
          );
        }
        owner = target.owner;
        repoUrl = `${target.host}?owner=${encodeURIComponent(
          owner,
        )}&repo=${encodeURIComponent(repositoryName)}`;
        remoteUrl = `https://${target.host}/${owner}/${repositoryName}`;
        catalogInfoUrl = `${remoteUrl}/blob/${target.branch}/catalog-info.yaml`;
      } else {
        if (!target.directory) {
          throw new InputError(
            'ecsDeploy.scaffolder.infraRepository.directory is required for the local target',
          );
        }
        owner = target.owner ?? 'local';
        localDir = path.resolve(target.directory, repositoryName);
        remoteUrl = localDir;
      }

      const files = renderInfraRepository({
        name: input.name,
        owner: input.owner,
        system: input.system,
        description: input.description,
        lifecycle: input.lifecycle,
        containerPort: input.containerPort,
        cpu: size.cpu,
        memory: size.memory,
        ecr: {
          accountId: ecrAccount,
          region: ecrRegion,
          repositoryName: input.name,
        },
        environments,
        sourceLocation:
          target.type === 'github'
            ? `${remoteUrl}/tree/${target.branch}/`
            : undefined,
      });

      // The workspace copy serves publish:github and lets a dry run show the files.
      const workspaceDir = resolveSafeChildPath(
        ctx.workspacePath,
        input.sourcePath,
      );
      for (const [file, content] of Object.entries(files)) {
        const dest = resolveSafeChildPath(workspaceDir, file);
        await fs.mkdir(path.dirname(dest), { recursive: true });
        await fs.writeFile(dest, content, 'utf8');
      }

      if (target.type === 'local') {
        if (ctx.isDryRun) {
          ctx.logger.info(
            `Dry run: would publish ${
              Object.keys(files).length
            } files to ${localDir}`,
          );
        } else {
          // Everything in the workspace directory is published, so files an
          // earlier fetch:template step put there (docs, runbooks) go along.
          const allFiles = await readFiles(workspaceDir);
          const result = await ctx.checkpoint({
            key: `ecs.infra-repo.local.${localDir}`,
            fn: () =>
              publishToLocalGitRepository({
                directory: localDir,
                files: allFiles,
                branch: target.branch,
                commitMessage: `Infrastructure of ${input.name}, created by Backstage`,
                entityName: input.name,
              }),
          });
          ctx.logger.info(
            result.committed
              ? `Published ${localDir} at ${result.commitId}`
              : `${localDir} is up to date (${result.commitId})`,
          );
        }
      } else {
        ctx.logger.info(
          `Rendered into ${input.sourcePath}/ for publish:github to ${repoUrl}`,
        );
      }

      ctx.output('publishTarget', target.type);
      ctx.output('repoUrl', repoUrl);
      ctx.output('fullRepositoryId', `${owner}/${repositoryName}`);
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('catalogInfoUrl', catalogInfoUrl);
      ctx.output(
        'catalogInfoPath',
        localDir ? path.join(localDir, 'catalog-info.yaml') : '',
      );
      ctx.output('entityRef', `component:default/${input.name}`);
      ctx.output('sourcePath', input.sourcePath);
      ctx.output('files', Object.keys(files).sort());
    },
  });
}

async function readFiles(
  dir: string,
  prefix = '',
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== '.git') Object.assign(out, await readFiles(dir, rel));
    } else if (entry.isFile()) {
      out[rel] = await fs.readFile(path.join(dir, rel), 'utf8');
    }
  }
  return out;
}

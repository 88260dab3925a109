import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { pipelineConsoleUrl } from '@ecs-deploy/plugin-ecs-deploy-common';
import { applyPipeline } from '../apply/applyPipeline';
import { settlePlan } from '../apply/planOutcome';
import { serviceTags } from '../authz/adoption';
import {
  environmentNamed,
  registryLocation,
} from '../config/resolveEnvironment';
import { inspectPipelineSite } from '../inspect/pipelineSite';
import { assertEntityName } from '../lib/names';
import { InputSchema, parseInput } from '../lib/parseInput';
import { pipelineTarget, planPipeline } from '../plan/pipelinePlan';
import {
  defaultInfraRepositoryName,
  locateInfraRepository,
} from '../publish/infraRepositoryLocation';
import { examples } from './pipelineCreate.examples';
import { environmentChoice, serviceIdentity } from './inputs';
import type { EcsActionOptions } from './options';

const inputSchema = {
  ...serviceIdentity,
  ...environmentChoice,
  repositoryName: z =>
    z
      .string({
        description:
          'The infrastructure repository (default <name>-infra), under ecsDeploy.scaffolder.infraRepository',
      })
      .optional(),
  manualApproval: z =>
    z
      .boolean({ description: 'A person approves before the deploy stage' })
      .default(false),
  deploy: z =>
    z
      .enum(['codedeploy', 'ecs'], {
        description:
          "codedeploy: CodeDeployToECS blue/green into the service's deployment group; ecs: the standard ECS action into the service (ECS controller)",
      })
      .default('codedeploy'),
} satisfies InputSchema;

/**
 * `ecs:pipeline:create`: the V2 pipeline of a service in one environment,
 * started by a push of the environment's tag to the service's ECR
 * repository, reading the service's infrastructure repository and deploying
 * into the service's own deployment group or service: every one of them
 * derived from the component name and checked to be tagged for it.
 *
 * @public
 */
export function createPipelineCreateAction(options: EcsActionOptions) {
  const { clients, settings, tagKeys, authorizer } = options;
  return createTemplateAction({
    id: 'ecs:pipeline:create',
    description:
      'Creates the CodePipeline (V2) that deploys a service in one environment when its ECR tag moves.',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        pipelineName: z => z.string(),
        pipelineArn: z => z.string(),
        created: z => z.array(z.string()),
        consoleUrl: z =>
          z.string({ description: 'AWS console page of the pipeline' }),
      },
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input);
      assertEntityName('name', input.name);
      const env = environmentNamed(settings, input.environment);
      const repo = settings.infraRepository;
      if (!repo.connectionArn) {
        throw new InputError(
          'ecsDeploy.scaffolder.infraRepository.connectionArn is required: the pipelines read the infrastructure repository through it',
        );
      }
      const infraRepository = locateInfraRepository(
        repo,
        input.repositoryName ?? defaultInfraRepositoryName(input.name),
      );
      const owner = await authorizer.authorize(ctx, input);
      const { entityRef } = owner;
      const target = pipelineTarget({
        name: input.name,
        owner,
        env,
        registry: registryLocation(settings),
        deploy: input.deploy,
        infraRepository,
      });
      const { names } = target;

      const [aws, registry] = await Promise.all([
        clients.forResource(env),
        // Images live in one registry account (promotion retags there).
        clients.forResource(target.registry),
      ]);
      const site = await inspectPipelineSite(
        { pipeline: aws, registry },
        target,
      );
      const plan = planPipeline(target, site, tagKeys);
      const creates = settlePlan(
        ctx,
        `the pipeline of ${entityRef} in ${env.name}`,
        plan,
      );
      ctx.output('pipelineName', names.pipeline);
      ctx.output('pipelineArn', target.arns.pipeline);
      ctx.output(
        'consoleUrl',
        pipelineConsoleUrl({ region: env.region, name: names.pipeline }),
      );
      if (!creates) {
        ctx.output('created', []);
        return;
      }
      await applyPipeline(
        {
          checkpoint: ctx.checkpoint,
          logger: ctx.logger,
          keyPrefix: `ecs.pipeline.${env.accountId}.${env.region}.${names.pipeline}`,
        },
        aws,
        target,
        site,
        {
          repository: { ...repo, connectionArn: repo.connectionArn },
          manualApproval: input.manualApproval,
          tags: serviceTags(owner, env.name, tagKeys),
        },
      );
      ctx.output('created', plan.create);
    },
  });
}

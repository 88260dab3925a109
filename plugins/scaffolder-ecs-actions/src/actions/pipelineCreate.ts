import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  entityTags,
  isTaggedForEntity,
  toEcsTags,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { resolveEnvironment } from '../config/resolveEnvironment';
import { pipelineArn } from '../lib/arns';
import { awsCall } from '../lib/call';
import { consoleLinks } from '../lib/consoleLinks';
import { assertAwsName } from '../lib/names';
import { findService } from '../aws/ecs';
import { findDeploymentGroup } from '../aws/codeDeploy';
import {
  findPipeline,
  findRepository,
  pipelineTags,
} from '../aws/codePipeline';
import {
  buildPipelineDeclaration,
  PipelineSpec,
} from '../render/pipelineDeclaration';
import { entityInput, environmentInput } from './environmentInput';
import type { EcsActionOptions } from './options';
import { InputSchema, parseInput } from '../lib/parseInput';
import { examples } from './pipelineCreate.examples';

const inputSchema = {
  ...entityInput,
  ...environmentInput,
  pipelineName: z =>
    z.string({ description: 'Default <name>-<environment>' }).optional(),
  roleArn: z =>
    z
      .string({ description: 'Pipeline service role (overrides config)' })
      .optional(),
  artifactBucket: z =>
    z
      .string({ description: 'Artifact S3 bucket (overrides config)' })
      .optional(),
  ecrRepositoryName: z => z.string({ description: 'Default name' }).optional(),
  imageTag: z =>
    z
      .string({
        description:
          'ECR tag that starts the pipeline; default the environment name',
      })
      .optional(),
  infraRepository: z =>
    z.object(
      {
        fullRepositoryId: z.string({ description: 'owner/repository' }),
        branch: z.string().optional(),
        connectionArn: z.string().optional(),
      },
      {
        description:
          'The infrastructure repository (output of ecs:infra-repo:create)',
      },
    ),
  manualApproval: z =>
    z
      .boolean({ description: 'A person approves before the deploy stage' })
      .default(false),
  deploy: z =>
    z
      .enum(['codedeploy', 'ecs'], {
        description:
          'codedeploy: CodeDeployToECS blue/green (CODE_DEPLOY services); ecs: the standard ECS action (ECS controller)',
      })
      .default('codedeploy'),
  cluster: z =>
    z.string({ description: 'For deploy ecs (overrides config)' }).optional(),
  serviceName: z =>
    z.string({ description: 'For deploy ecs; default name' }).optional(),
  applicationName: z =>
    z.string({ description: 'For deploy codedeploy; default name' }).optional(),
  deploymentGroupName: z =>
    z
      .string({
        description: 'For deploy codedeploy; default <name>-<environment>',
      })
      .optional(),
} satisfies InputSchema;

/**
 * `ecs:pipeline:create`: the V2 pipeline of a service in one environment,
 * started by a push of the environment's tag to ECR.
 *
 * @public
 */
export function createPipelineCreateAction(options: EcsActionOptions) {
  const { clients, settings, tagKeys } = options;
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
      const entityRef = input.entityRef ?? `component:default/${input.name}`;
      const env = resolveEnvironment(settings, clients.defaultRegion, input);
      const pipelineName = input.pipelineName ?? `${input.name}-${env.name}`;
      assertAwsName('pipelineName', 'pipelineName', pipelineName);
      const ecrRepositoryName = input.ecrRepositoryName ?? input.name;
      assertAwsName('ecrRepository', 'ecrRepositoryName', ecrRepositoryName);
      const connectionArn =
        input.infraRepository.connectionArn ??
        settings.infraRepository.connectionArn;
      if (!connectionArn) {
        throw new InputError(
          'infraRepository.connectionArn is required (or configure ecsDeploy.scaffolder.infraRepository.connectionArn)',
        );
      }
      if (!/^[^/]+\/[^/]+$/.test(input.infraRepository.fullRepositoryId)) {
        throw new InputError(
          `infraRepository.fullRepositoryId must be 'owner/repository', got '${input.infraRepository.fullRepositoryId}'`,
        );
      }
      const spec: PipelineSpec = {
        pipelineName,
        roleArn: input.roleArn ?? env.pipelineRoleArn,
        artifactBucket: input.artifactBucket ?? env.artifactBucket,
        environment: env.name,
        ecrRepositoryName,
        imageTag: input.imageTag ?? env.name,
        infraRepository: {
          connectionArn,
          fullRepositoryId: input.infraRepository.fullRepositoryId,
          branch:
            input.infraRepository.branch ?? settings.infraRepository.branch,
        },
        manualApproval: input.manualApproval,
        deploy:
          input.deploy === 'codedeploy'
            ? {
                type: 'codedeploy',
                applicationName: input.applicationName ?? input.name,
                deploymentGroupName:
                  input.deploymentGroupName ?? `${input.name}-${env.name}`,
              }
            : {
                type: 'ecs',
                cluster: input.cluster ?? env.cluster,
                serviceName: input.serviceName ?? input.name,
              },
      };

      const { codePipeline, codeDeploy, ecs } = await clients.forResource(env);
      // Images live in one registry account (promotion retags there), which
      // may differ from the pipeline's account.
      const ecrLocation = {
        accountId: settings.ecr?.accountId ?? env.accountId,
        region: settings.ecr?.region ?? env.region,
      };
      const { ecr } = await clients.forResource(ecrLocation);
      const arn = pipelineArn({ ...env, pipelineName });

      // ---- look up what exists and what this depends on ------------------
      const [existing, repository, target] = await Promise.all([
        findPipeline(codePipeline, pipelineName),
        findRepository(ecr, ecrRepositoryName),
        spec.deploy.type === 'codedeploy'
          ? findDeploymentGroup(
              codeDeploy,
              spec.deploy.applicationName,
              spec.deploy.deploymentGroupName,
            )
          : findService(ecs, spec.deploy.cluster, spec.deploy.serviceName),
      ]);
      const missing = (message: string) => {
        if (!ctx.isDryRun) throw new InputError(message);
        ctx.logger.warn(
          `Dry run: ${message} (expected to be created by an earlier step)`,
        );
      };
      if (!repository) {
        missing(
          `ecrRepositoryName: no ECR repository '${ecrRepositoryName}' in ${ecrLocation.accountId}/${ecrLocation.region}`,
        );
      }
      if (!target) {
        missing(
          spec.deploy.type === 'codedeploy'
            ? `deploymentGroupName: no deployment group '${spec.deploy.deploymentGroupName}' in application '${spec.deploy.applicationName}'`
            : `serviceName: no ECS service '${spec.deploy.serviceName}' in cluster ${spec.deploy.cluster}`,
        );
      }
      if (existing) {
        const tags = await pipelineTags(codePipeline, arn);
        if (!isTaggedForEntity(tags, entityRef, tagKeys)) {
          throw new ConflictError(
            `pipelineName: a pipeline '${pipelineName}' exists and is not tagged for ${entityRef}; choose another name`,
          );
        }
      }

      const plan = existing ? [] : [`pipeline ${pipelineName}`];
      const emit = (created: string[]) => {
        ctx.output('pipelineName', pipelineName);
        ctx.output('pipelineArn', arn);
        ctx.output('created', created);
        ctx.output(
          'consoleUrl',
          consoleLinks.pipeline(env.region, pipelineName),
        );
      };
      if (ctx.isDryRun) {
        ctx.logger.info(
          plan.length
            ? `Dry run: would create ${plan.join(', ')}`
            : 'Dry run: everything exists',
        );
        emit([]);
        return;
      }
      if (!existing) {
        await ctx.checkpoint({
          key: `ecs.pipeline.${env.accountId}.${env.region}.${pipelineName}`,
          fn: async () => {
            await awsCall('creating the pipeline', pipelineName, () =>
              codePipeline.send(
                new CreatePipelineCommand({
                  pipeline: buildPipelineDeclaration(spec),
                  // CodePipeline spells tags key/value, as ECS does.
                  tags: toEcsTags(entityTags(entityRef, env.name, tagKeys)),
                }),
              ),
            );
          },
        });
        ctx.logger.info(`Created pipeline ${arn}`);
      } else {
        ctx.logger.info(`Pipeline ${arn} exists; nothing to create`);
      }
      emit(plan);
    },
  });
}

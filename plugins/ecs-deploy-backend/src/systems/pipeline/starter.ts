import {
  DeploymentDetail,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../../aws/cacheKeys';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { ReadContext } from '../../reads/ReadContext';
import { deploymentIdOfAction } from './deploymentIdOfAction';
import { pipelineStages } from './stages';

type Starter = NonNullable<DeploymentDetail['pipeline']>;

/**
 * Finds the pipeline execution that started a deployment, among the
 * pipeline's recent action executions (one call), with its stages. Cached:
 * briefly while a stage moves or when not found, long once finished.
 */
async function starterOf(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  deploymentId: string,
): Promise<Starter | undefined> {
  const pipeline = env.pipeline;
  if (!pipeline) return undefined;
  const found = await ctx.cache.get(
    cacheKeys.pipelineStarter(pipeline.arn, deploymentId),
    async (): Promise<{ pipeline?: Starter }> => {
      const recent = await ctx.aws.codePipeline.recentActionPage(
        pipeline,
        undefined,
      );
      const starter = recent.actions.find(
        a => deploymentIdOfAction(a) === deploymentId,
      );
      if (!starter?.pipelineExecutionId) return {};
      const executionId = starter.pipelineExecutionId;
      const actions = recent.actions.filter(
        a => a.pipelineExecutionId === executionId,
      );
      return {
        pipeline: {
          name: pipeline.name,
          executionId,
          stages: pipelineStages(actions),
        },
      };
    },
    value =>
      value.pipeline &&
      !value.pipeline.stages.some(stage => isActiveStatus(stage.status))
        ? 'finished'
        : 'active',
  );
  return found.pipeline;
}

/**
 * What the pipeline knows of another system's deployment: the execution
 * that started it, as a change to apply to the deployment's detail.
 */
export async function starterLink(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  id: string,
): Promise<((detail: DeploymentDetail) => DeploymentDetail) | undefined> {
  const pipeline = await starterOf(ctx, env, id);
  if (!pipeline) return undefined;
  return detail => ({
    ...detail,
    deployment: {
      ...detail.deployment,
      links: {
        ...detail.deployment.links,
        pipelineExecutionId: `pipeline:${pipeline.executionId}`,
      },
      trigger: {
        ...detail.deployment.trigger,
        kind:
          detail.deployment.trigger.kind === 'rollback'
            ? 'rollback'
            : 'pipeline',
        actor: pipeline.name,
      },
    },
    pipeline,
  });
}

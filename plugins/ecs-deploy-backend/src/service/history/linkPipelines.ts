import { ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import {
  DeploymentSummary,
  arnResourceId,
  formatDeploymentId,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { listActionExecutions } from '../aws/pipelineReads';
import { ReadContext } from '../aws/ReadContext';
import { ResolvedEnvironment } from '../model';

/**
 * The history id of the deployment an action started, from the action's
 * external execution id: a CodeDeploy deployment id for CodeDeploy actions,
 * a service deployment ARN for ECS actions.
 */
export function deploymentIdOfAction(
  action: Pick<ActionExecutionDetail, 'input' | 'output'>,
): string | undefined {
  const external = action.output?.executionResult?.externalExecutionId;
  if (!external) return undefined;
  if (/^d-[A-Z0-9]+$/.test(external)) {
    return formatDeploymentId('codedeploy', external);
  }
  if (external.includes(':service-deployment/')) {
    return formatDeploymentId('ecs', arnResourceId(external));
  }
  return undefined;
}

/** Deployment ids started by one pipeline execution (cached per execution). */
export async function deploymentsOfExecution(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  execution: DeploymentSummary,
): Promise<string[]> {
  const executionId = execution.id.slice('pipeline:'.length);
  return ctx.cache.get(
    `codepipeline:links:${env.pipeline!.arn}:${executionId}`,
    async () => {
      const actions = await listActionExecutions(
        ctx,
        env.pipeline!,
        executionId,
      );
      return actions.flatMap(a => {
        const id = deploymentIdOfAction(a);
        return id ? [id] : [];
      });
    },
    isActiveStatus(execution.status) ? ctx.ttl.active : ctx.ttl.finished,
  );
}

/**
 * Links the pipeline executions of a page to the deployments their deploy
 * actions started, both ways, and marks those deployments as pipeline
 * triggered with the execution's commit and image.
 */
export async function linkPipelines(
  ctx: ReadContext,
  envs: ResolvedEnvironment[],
  items: DeploymentSummary[],
): Promise<void> {
  const envByName = new Map(envs.map(e => [e.name, e]));
  const executions = items.filter(
    i => i.kind === 'pipeline' && envByName.get(i.environment)?.pipeline,
  );
  const links = await Promise.all(
    executions.map(e =>
      deploymentsOfExecution(ctx, envByName.get(e.environment)!, e),
    ),
  );
  const byDeployment = new Map<string, DeploymentSummary>();
  executions.forEach((execution, i) => {
    if (!links[i].length) return;
    execution.links.deploymentIds = links[i];
    for (const id of links[i]) byDeployment.set(id, execution);
  });
  for (const item of items) {
    const execution = byDeployment.get(item.id);
    if (!execution || item.kind === 'pipeline') continue;
    item.links.pipelineExecutionId = execution.id;
    if (item.trigger.kind !== 'rollback') {
      item.trigger = {
        ...item.trigger,
        kind: 'pipeline',
        actor: execution.pipelineName,
        commitId: item.trigger.commitId ?? execution.trigger.commitId,
        imageDigest: item.trigger.imageDigest ?? execution.trigger.imageDigest,
        imageTag: item.trigger.imageTag ?? execution.trigger.imageTag,
      };
      for (const k of ['commitId', 'imageDigest', 'imageTag'] as const) {
        if (item.trigger[k] === undefined) delete item.trigger[k];
      }
    }
  }
}

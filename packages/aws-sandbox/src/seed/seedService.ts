import type { SeedContext } from '../core/types';
import type { CodePipelineStore } from '../services/codepipeline/CodePipelineStore';
import type { FleetService } from './catalog';
import { importHistory } from './history';
import {
  createCodeDeployGroup,
  createEcsService,
  createLoadBalancing,
  createPipeline,
  taskDefinitionInput,
  TERMINATION_WAIT,
  type Placement,
} from './infrastructure';
import { clusterName, targetGroupName } from './names';
import type { PlannedDeployment } from './plan';

/**
 * One service in one environment: its task definition revisions (one per
 * past deployment), load balancing, ECS service, CodeDeploy group, pipeline
 * and history.
 *
 * @public
 */
export async function seedServiceEnv(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
  plans: PlannedDeployment[],
  repositoryUri: string,
  options: { registerViaApi?: boolean } = {},
): Promise<void> {
  const { world } = ctx;
  const where = { accountId: at.accountId, region: at.region };
  const arns: string[] = [];
  for (const plan of plans) {
    const input = taskDefinitionInput(
      service,
      `${repositoryUri}:${plan.commitId.slice(0, 7)}`,
    );
    arns.push(
      options.registerViaApi === false
        ? world.ecs.registerTaskDefinition(at.accountId, at.region, input)
        : (await ctx.invoke('ecs', 'RegisterTaskDefinition', input, where))
            .taskDefinition.taskDefinitionArn,
    );
  }
  if (!arns.length) {
    const input = taskDefinitionInput(service, `${repositoryUri}:latest`);
    arns.push(
      (await ctx.invoke('ecs', 'RegisterTaskDefinition', input, where))
        .taskDefinition.taskDefinitionArn,
    );
  }
  const lastGood = [...plans].reverse().find(p => p.outcome === 'success');
  const current = arns[(lastGood?.revision ?? 1) - 1];

  const lb = await createLoadBalancing(ctx, service, at);
  await createEcsService(ctx, service, at, lb, current);
  const codeDeploy =
    service.controller.kind === 'CODE_DEPLOY'
      ? await createCodeDeployGroup(ctx, service, at, lb)
      : undefined;
  const name = service.pipeline
    ? await createPipeline(ctx, service, at)
    : undefined;
  const pipelines = world.stores.codepipeline as CodePipelineStore;

  importHistory(
    {
      world,
      ...where,
      service: service.name,
      cluster: clusterName(at.env),
      env: at.env,
      pipeline: name ? pipelines.getPipeline(where, name) : undefined,
      repositoryUri,
      taskDefinitionArn: revision => arns[revision - 1],
      codeDeploy:
        codeDeploy && service.controller.kind === 'CODE_DEPLOY'
          ? {
              ...codeDeploy,
              deploymentConfigName: service.controller.deploymentConfigName,
              blueTargetGroup: targetGroupName(service.name, at.env, 'blue'),
              greenTargetGroup: targetGroupName(service.name, at.env, 'green'),
              terminationWaitMinutes: TERMINATION_WAIT[at.env] ?? 5,
              containerName: service.name,
              containerPort: service.containerPort,
            }
          : undefined,
    },
    service.pipeline || codeDeploy ? plans : [],
  );
}

import type { SeedContext } from '../core/types';
import type { FleetService } from './catalog';
import { importHistory } from './history';
import { createCodeDeployGroup, TERMINATION_WAIT } from './codeDeployGroup';
import { createEcsService } from './ecsService';
import type { Placement } from './infrastructure';
import { createLoadBalancing } from './loadBalancing';
import { createPipeline } from './pipelines';
import { taskDefinitionInput } from './taskDefinitions';
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
  options: {
    /**
     * Register at most this many task definition revisions and spread the
     * plan over them (benchmark fleets: ECS numbers revisions by scanning
     * its task definitions, so tens of thousands would dominate seeding).
     */
    maxRevisions?: number;
  } = {},
): Promise<void> {
  const { world } = ctx;
  const where = { accountId: at.accountId, region: at.region };
  const wanted = Math.max(
    1,
    Math.min(plans.length, options.maxRevisions ?? plans.length),
  );
  const arns: string[] = [];
  for (let i = 0; i < wanted; i++) {
    // with fewer revisions than plans, register the images of evenly spaced plans
    const plan = plans[Math.floor((i * plans.length) / wanted)];
    const image = `${repositoryUri}:${
      plan ? plan.commitId.slice(0, 7) : 'latest'
    }`;
    const input = taskDefinitionInput(service, image);
    arns.push(
      (await ctx.invoke('ecs', 'RegisterTaskDefinition', input, where))
        .taskDefinition.taskDefinitionArn,
    );
  }
  const arnOf = (revision: number) =>
    arns[Math.floor(((revision - 1) * wanted) / Math.max(plans.length, 1))];
  const lastGood = [...plans].reverse().find(p => p.outcome === 'success');
  const current = arnOf(lastGood?.revision ?? 1);

  const lb = await createLoadBalancing(ctx, service, at);
  await createEcsService(ctx, service, at, lb, current);
  const codeDeploy =
    service.controller.kind === 'CODE_DEPLOY'
      ? await createCodeDeployGroup(ctx, service, at, lb)
      : undefined;
  const name = service.pipeline
    ? await createPipeline(ctx, service, at)
    : undefined;
  const pipelines = world.stores.codepipeline;

  importHistory(
    {
      world,
      ...where,
      service: service.name,
      cluster: clusterName(at.env),
      env: at.env,
      pipeline: name ? pipelines.getPipeline(where, name) : undefined,
      repositoryUri,
      taskDefinitionArn: arnOf,
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

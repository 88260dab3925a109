import type { SeedContext } from '../core/types';
import { createPrng } from '../server/prng';
import { DEMO_PEOPLE, DEMO_REGION, type FleetService } from './catalog';
import { createCluster } from '../testing/cluster';
import { createRepository, pushImage } from './images';
import { callerAt } from './infrastructure';
import { pushInfraRepository } from './infraRepository';
import { clusterName } from './names';
import { commitIdFor, planHistory } from './plan';
import { seedServiceEnv } from './seedService';

/** @public */
export interface FleetOptions {
  /** number of services (default 200) */
  services?: number;
  /** past deployments per service (default 100) */
  deploymentsPerService?: number;
  /** one service with many more deployments */
  bigEntity?: { name: string; deployments: number };
  /** the environment they run in (default `prod`, account 333333333333) */
  env?: string;
  accountId?: string;
  /** days the history spans (default 120) */
  days?: number;
  prngSeed?: string;
}

/**
 * A benchmark fleet: `services` CODE_DEPLOY services named `svc-0001`...,
 * each with its load balancing, CodeDeploy group, pipeline and
 * `deploymentsPerService` past deployments (pipeline executions linked to
 * CodeDeploy deployments, failures and rollbacks included), and optionally
 * one `bigEntity` with many more. Resources go through the operations;
 * history is imported as records, which keeps 20,000 deployments to seconds.
 *
 * @public
 */
export async function generateFleet(
  ctx: SeedContext,
  options: FleetOptions = {},
): Promise<void> {
  const env = options.env ?? 'prod';
  const accountId = options.accountId ?? '333333333333';
  const days = options.days ?? 120;
  const now = ctx.world.clock.nowMs();
  const random = createPrng(options.prngSeed ?? 'ecs-deploy-fleet');
  const placement = { accountId, region: DEMO_REGION, env };
  await createCluster(callerAt(ctx, placement), {
    name: clusterName(env),
    tags: [{ Key: 'environment', Value: env }],
  });
  const count = options.services ?? 200;
  const specs: { name: string; deployments: number }[] = [];
  for (let i = 1; i <= count; i++) {
    specs.push({
      name: `svc-${String(i).padStart(4, '0')}`,
      deployments: options.deploymentsPerService ?? 100,
    });
  }
  if (options.bigEntity) specs.push(options.bigEntity);

  for (const [i, spec] of specs.entries()) {
    const service: FleetService = {
      name: spec.name,
      owner: `team-${(i % 10) + 1}`,
      controller: {
        kind: 'CODE_DEPLOY',
        deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
      },
      envs: [env],
      pipeline: true,
      approvalEnvs: [],
      readyWaitEnvs: [],
      containerPort: 8080,
      desiredCount: { [env]: 2 },
    };
    const repositoryUri = await createRepository(ctx, service, DEMO_REGION);
    // The image the environment's pipeline source watches: without it a
    // started pipeline fails in Source instead of deploying.
    await pushImage(
      ctx,
      service.name,
      commitIdFor(service.name, spec.deployments + 1),
      [env],
      DEMO_REGION,
    );
    pushInfraRepository(ctx, service, repositoryUri);
    const plans = planHistory({
      service: service.name,
      random,
      now,
      days,
      count: spec.deployments,
      withApproval: false,
      people: DEMO_PEOPLE,
      commitOf: n => n,
    });
    await seedServiceEnv(ctx, service, placement, plans, repositoryUri, {
      maxRevisions: 3,
    });
  }
}

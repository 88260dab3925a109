import type { SeedContext } from '../core/types';
import { createPrng } from '../server/prng';
import {
  DEMO_ENVIRONMENTS,
  DEMO_PEOPLE,
  DEMO_REGION,
  DEMO_SERVICES,
  HISTORY_DAYS,
  HISTORY_PER_ENV,
} from './catalog';
import { createCluster } from '../testing/cluster';
import { createRepository, pushImage } from './images';
import { callerAt } from './infrastructure';
import { pushInfraRepository } from './infraRepository';
import { liveStateEvents } from './liveState';
import { recentEcsEvents } from './recentEcsHistory';
import { playTimeline, type TimelineEvent } from './timeline';
import { clusterName } from './names';
import { planHistory, type PlannedDeployment } from './plan';
import { seedServiceEnv } from './seedService';

const HOUR = 60 * 60_000;

/**
 * The demo fleet the portal's catalog describes: clusters, ECR repositories and images, and for
 * each service and environment its load balancing, ECS service, CodeDeploy
 * group, pipeline and 120 days of history, then the deployments that are live
 * when the portal starts. Deterministic: the same seed gives the same fleet,
 * with times relative to the clock's now.
 *
 * @public
 */
export async function seedDemoFleet(ctx: SeedContext): Promise<void> {
  const { world } = ctx;
  const now = world.clock.nowMs();
  const random = createPrng(String(ctx.options.prngSeed ?? 'ecs-deploy-demo'));
  // Resources exist a day before now: the last day is played out through the
  // real lifecycles (timeline.ts), everything older is imported as records.
  world.clock.resumeAt(now - 26 * HOUR);
  // ECS-controller services get their last day of service deployments played
  // out (older ones are imported), so the newest history comes from the real
  // deployment lifecycle.
  const timeline: TimelineEvent[] = [];
  let slot = 0;

  for (const env of DEMO_ENVIRONMENTS) {
    await createCluster(
      callerAt(ctx, { accountId: env.accountId, region: DEMO_REGION }),
      {
        name: clusterName(env.name),
        tags: [{ Key: 'environment', Value: env.name }],
        containerInsights: true,
      },
    );
  }

  for (const service of DEMO_SERVICES) {
    const repositoryUri = await createRepository(ctx, service, DEMO_REGION);
    if (service.pipeline) pushInfraRepository(ctx, service, repositoryUri);
    const devCount = HISTORY_PER_ENV.dev;
    const plans = new Map<string, PlannedDeployment[]>();
    for (const env of service.envs) {
      // A service deployed without a pipeline (EXTERNAL) still ran versions:
      // its revisions and images, though no pipeline history is imported.
      const count = HISTORY_PER_ENV[env] ?? 20;
      plans.set(
        env,
        planHistory({
          service: service.name,
          random,
          now,
          days: HISTORY_DAYS,
          count,
          withApproval: service.approvalEnvs.includes(env),
          people: DEMO_PEOPLE,
          // later environments ship a subset of dev's commits, in order
          commitOf: i => Math.floor((i * devCount) / Math.max(count, 1)),
          endsAgoMs: service.controller.kind === 'ECS' ? 26 * HOUR : undefined,
        }),
      );
    }
    // Images before pipelines exist, so pushing the env tags starts nothing.
    // A tag is pushed once: ECR refuses the same manifest under the same tag.
    const pushed = new Set<string>();
    const push = async (commitId: string, tag: string) => {
      if (pushed.has(`${commitId}:${tag}`)) return;
      pushed.add(`${commitId}:${tag}`);
      await pushImage(ctx, service.name, commitId, [tag], DEMO_REGION);
    };
    for (const plan of plans.get('dev')?.slice(-12) ?? []) {
      await push(plan.commitId, plan.commitId.slice(0, 7));
    }
    for (const [env, list] of plans) {
      const current = [...list].reverse().find(p => p.outcome === 'success');
      if (current) {
        await push(current.commitId, current.commitId.slice(0, 7));
        await push(current.commitId, env);
      }
    }
    for (const env of service.envs) {
      const placement = {
        accountId: DEMO_ENVIRONMENTS.find(e => e.name === env)!.accountId,
        region: DEMO_REGION,
        env,
      };
      await seedServiceEnv(
        ctx,
        service,
        placement,
        plans.get(env) ?? [],
        repositoryUri,
      );
      if (service.controller.kind === 'ECS') {
        timeline.push(
          ...recentEcsEvents(
            ctx,
            service,
            placement,
            repositoryUri,
            now,
            slot++,
          ),
        );
      }
    }
  }

  timeline.push(...liveStateEvents(ctx, now));
  await playTimeline(world, timeline, now);
}

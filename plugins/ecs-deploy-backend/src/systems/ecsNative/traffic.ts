import {
  DeploymentStrategy,
  TaskSetInfo,
  TaskSetLabel,
  TrafficShift,
  arnResourceId,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsServiceDeploymentArn } from '@ecs-deploy/plugin-ecs-deploy-common';
import { serviceAtRest } from '../../aws/atRest';
import { listenerArnOfRule } from '../../aws/elbv2';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { activeHead } from '../../history/activeHead';
import { taskDefinitionRef } from '../../mapping/taskDefinition';
import { iso } from '../../mapping/time';
import { ReadContext } from '../../reads/ReadContext';
import { listenerTraffic } from '../../traffic/listenerTraffic';
import { listenersOfLoadBalancers } from '../../traffic/loadBalancers';
import { TrafficRead } from '../DeploymentSystem';
import { ecsSource } from './history';
import { ecsShift } from './shift';

/**
 * Traffic of a service deployed by ECS itself: its load balancers, the
 * production and test listener rules ECS shifts, and while a deployment
 * runs, its source and target revisions with their weights.
 */
export async function ecsNativeTraffic(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
  strategyRead: Promise<DeploymentStrategy>,
): Promise<TrafficRead> {
  const { env } = loaded;
  const service = loaded.service!;
  const location = { accountId: env.accountId, region: env.region };
  const lbs = service.loadBalancers;
  const atRest = serviceAtRest(service);
  const prodRules = lbs.flatMap(l =>
    l.productionListenerRule ? [l.productionListenerRule] : [],
  );
  const testRules = lbs.flatMap(l =>
    l.testListenerRule ? [l.testListenerRule] : [],
  );
  const tgArns = lbs.flatMap(l => [
    ...(l.targetGroupArn ? [l.targetGroupArn] : []),
    ...(l.alternateTargetGroupArn ? [l.alternateTargetGroupArn] : []),
  ]);
  const labels = new Map<string, TaskSetLabel>();
  for (const l of lbs) {
    if (l.targetGroupArn) labels.set(l.targetGroupArn, 'BLUE');
    if (l.alternateTargetGroupArn)
      labels.set(l.alternateTargetGroupArn, 'GREEN');
  }
  const [{ groups, listeners }, rules, head, strategy] = await Promise.all([
    listenersOfLoadBalancers(ctx, location, tgArns, atRest),
    ctx.aws.elbv2.rules(location, [...prodRules, ...testRules], atRest),
    activeHead(ecsSource(ctx, env, service)),
    strategyRead,
  ]);
  // With listener rules ECS shifts the rule's weights, not the default action.
  const ruleByListener = new Map(
    rules.map(r => [listenerArnOfRule(r.ruleArn) ?? '', r]),
  );
  const withRules = listeners.map(l => {
    const rule = ruleByListener.get(l.arn);
    return rule ? { ...l, forwardsOverride: rule.forwards } : l;
  });
  const productionArns = prodRules.flatMap(r => listenerArnOfRule(r) ?? []);
  const testArns = testRules.flatMap(r => listenerArnOfRule(r) ?? []);

  const taskSets: TaskSetInfo[] = service.deployments.map(d => ({
    id: d.id,
    label: d.status === 'PRIMARY' ? 'PRIMARY' : 'ACTIVE',
    status: d.status,
    runningCount: d.runningCount,
    desiredCount: d.desiredCount,
    pendingCount: d.pendingCount,
    ...(taskDefinitionRef(d.taskDefinitionArn)
      ? { taskDefinition: taskDefinitionRef(d.taskDefinitionArn) }
      : {}),
  }));

  let shift: TrafficShift | undefined;
  if (head) {
    const arn = ecsServiceDeploymentArn({
      ...env.service!,
      id: parseDeploymentId(head.id)!.awsId,
    });
    const [deployment] = await ctx.aws.ecs.serviceDeployments(env.service!, [
      arn,
    ]);
    if (deployment) {
      const target = deployment.targetServiceRevision;
      shift = {
        ...ecsShift({
          deploymentId: head.id,
          status: head.status,
          strategy,
          lifecycleStage: deployment.lifecycleStage,
          productionWeight: target?.requestedProductionTrafficWeight,
          updatedAt: iso(deployment.updatedAt ?? deployment.startedAt),
        }),
        offers: head.offers ?? [],
      };
      const revisions = [
        ...(deployment.sourceServiceRevisions ?? []),
        ...(target ? [target] : []),
      ];
      const defs = await ctx.aws.ecs.serviceRevisions(
        env.service!,
        revisions.flatMap(r => (r.arn ? [r.arn] : [])),
      );
      if (revisions.length) {
        taskSets.splice(
          0,
          taskSets.length,
          ...revisions.map((r, i) => ({
            id: arnResourceId(r.arn ?? ''),
            label: (r === target ? 'GREEN' : 'BLUE') as TaskSetLabel,
            status: r === target ? 'TARGET' : 'SOURCE',
            runningCount: r.runningTaskCount ?? 0,
            desiredCount: r.requestedTaskCount ?? 0,
            pendingCount: r.pendingTaskCount ?? 0,
            trafficWeight:
              r.requestedProductionTrafficWeight ??
              (i === revisions.length - 1 ? shift?.shiftedPercent : undefined),
            ...(taskDefinitionRef(defs[r.arn ?? '']?.taskDefinitionArn)
              ? {
                  taskDefinition: taskDefinitionRef(
                    defs[r.arn ?? '']?.taskDefinitionArn,
                  ),
                }
              : {}),
          })),
        );
      }
    }
  }
  return {
    listeners: listenerTraffic(withRules, {
      productionArns,
      testArns,
      targetGroupNames: new Map(groups.map(g => [g.arn, g.name])),
      labels,
    }),
    taskSets,
    shift,
  };
}

import {
  DeploymentStrategy,
  DeploymentSummary,
  EnvironmentTraffic,
  TaskSetInfo,
  TaskSetLabel,
  TrafficShift,
  arnResourceId,
  isActiveStatus,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { deploymentTargets } from '../aws/codeDeployReads';
import {
  describeServiceDeployments,
  describeServiceRevisions,
  serviceDeploymentArn,
} from '../aws/ecsReads';
import {
  describeListeners,
  describeRules,
  describeTargetGroups,
  listenerArnOfRule,
  ListenerState,
} from '../aws/elbReads';
import { ReadContext } from '../aws/ReadContext';
import { LoadedEnvironment } from '../EnvironmentContext';
import { codeDeploySource, ecsSource } from '../history/sources';
import { taskDefinitionRef } from '../mapping/taskDefinition';
import { iso } from '../mapping/time';
import { DeploymentGroupState, ServiceState } from '../model';
import { listenerTraffic } from './listeners';
import { strategyOf } from './strategy';
import { codeDeployShift, ecsShift } from './trafficShift';
import { HistorySource } from '../history/HistorySource';

/** The newest entry of a stream if it is still moving (list + one describe, cached). */
async function activeHead(source: HistorySource) {
  const page = await source.list(undefined);
  if (!page.ids.length) return undefined;
  const [head] = await source.describe(undefined, page.ids.slice(0, 1));
  return head && isActiveStatus(head.status) ? head : undefined;
}

async function listenersOfLoadBalancers(
  ctx: ReadContext,
  location: { accountId: string; region: string },
  targetGroupArns: string[],
) {
  const groups = await describeTargetGroups(ctx, location, {
    arns: targetGroupArns,
  });
  const lbArns = [...new Set(groups.flatMap(g => g.loadBalancerArns))];
  const listeners = (
    await Promise.all(
      lbArns.map(lb =>
        describeListeners(ctx, location, { loadBalancerArn: lb }),
      ),
    )
  ).flat();
  return { groups, listeners };
}

function taskSetLabel(status: string): TaskSetLabel {
  if (status === 'PRIMARY' || status === 'DRAINING') return status;
  return 'ACTIVE';
}

function serviceTaskSets(service: ServiceState): TaskSetInfo[] {
  return service.taskSets.map(ts => ({
    id: ts.id,
    label: taskSetLabel(ts.status),
    status: ts.status,
    runningCount: ts.runningCount,
    desiredCount: ts.desiredCount,
    pendingCount: ts.pendingCount,
    ...(taskDefinitionRef(ts.taskDefinitionArn)
      ? { taskDefinition: taskDefinitionRef(ts.taskDefinitionArn) }
      : {}),
  }));
}

async function codeDeployTraffic(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
  service: ServiceState,
  group: DeploymentGroupState,
  strategy: DeploymentStrategy,
  headRead: Promise<DeploymentSummary | undefined>,
) {
  const { env } = loaded;
  const location = { accountId: env.accountId, region: env.region };
  const [listeners, targetGroups, head] = await Promise.all([
    describeListeners(ctx, location, {
      listenerArns: [...group.prodListenerArns, ...group.testListenerArns],
    }),
    describeTargetGroups(ctx, location, { names: group.targetGroupNames }),
    headRead,
  ]);
  let taskSets = serviceTaskSets(service);
  let shift: TrafficShift | undefined;
  const labels = new Map<string, TaskSetLabel>();
  if (head) {
    const awsId = parseDeploymentId(head.id)!.awsId;
    const targets = await deploymentTargets(ctx, location, awsId);
    const target = targets[0];
    if (target) {
      // CodeDeploy's task set info is the authority during a deployment;
      // the service's own task set list adds task definitions.
      const byId = new Map(service.taskSets.map(t => [t.id, t]));
      taskSets = target.taskSets.map(ts => {
        const def = taskDefinitionRef(byId.get(ts.id)?.taskDefinitionArn);
        return def ? { ...ts, taskDefinition: def } : ts;
      });
      for (const ts of target.taskSets) {
        if (ts.targetGroupName) labels.set(ts.targetGroupName, ts.label);
      }
      const green = target.taskSets.find(t => t.label === 'GREEN');
      shift = codeDeployShift({
        deploymentId: head.id,
        status: head.status,
        strategy,
        events: target.lifecycleEvents,
        greenWeight: green?.trafficWeight ?? 0,
      });
    }
  }
  const names = new Map(targetGroups.map(g => [g.arn, g.name]));
  if (!head) {
    // No deployment: the primary task set's target group is live (blue),
    // the other one of the pair stands by (green).
    const primary = service.taskSets.find(t => t.status === 'PRIMARY');
    const live = new Set(
      (primary?.targetGroupArns ?? []).map(a => names.get(a) ?? a),
    );
    for (const name of group.targetGroupNames) {
      labels.set(name, live.has(name) ? 'BLUE' : 'GREEN');
    }
    taskSets = taskSets.map(ts => {
      const arn = service.taskSets.find(t => t.id === ts.id)
        ?.targetGroupArns[0];
      const name = arn ? names.get(arn) : undefined;
      return name ? { ...ts, targetGroupName: name } : ts;
    });
  }
  return {
    listeners: listenerTraffic(listeners, {
      productionArns: group.prodListenerArns,
      testArns: group.testListenerArns,
      targetGroupNames: names,
      labels,
    }),
    taskSets,
    shift,
  };
}

async function ecsNativeTraffic(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
  service: ServiceState,
  strategy: DeploymentStrategy,
) {
  const { env } = loaded;
  const location = { accountId: env.accountId, region: env.region };
  const lbs = service.loadBalancers;
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
  const [{ groups, listeners }, rules, head] = await Promise.all([
    tgArns.length
      ? listenersOfLoadBalancers(ctx, location, tgArns)
      : { groups: [], listeners: [] as ListenerState[] },
    describeRules(ctx, location, [...prodRules, ...testRules]),
    activeHead(ecsSource(ctx, env, 'ECS')),
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
    const arn = serviceDeploymentArn(
      env.service!,
      parseDeploymentId(head.id)!.awsId,
    );
    const [deployment] = await describeServiceDeployments(ctx, env.service!, [
      arn,
    ]);
    if (deployment) {
      const target = deployment.targetServiceRevision;
      shift = ecsShift({
        deploymentId: head.id,
        status: head.status,
        strategy,
        lifecycleStage: deployment.lifecycleStage,
        productionWeight: target?.requestedProductionTrafficWeight,
        updatedAt: iso(deployment.updatedAt ?? deployment.startedAt),
      });
      const revisions = [
        ...(deployment.sourceServiceRevisions ?? []),
        ...(target ? [target] : []),
      ];
      const defs = await describeServiceRevisions(
        ctx,
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

async function externalTraffic(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
  service: ServiceState,
) {
  const { env } = loaded;
  const location = { accountId: env.accountId, region: env.region };
  const tgArns = [
    ...service.taskSets.flatMap(t => t.targetGroupArns),
    ...service.loadBalancers.flatMap(l =>
      l.targetGroupArn ? [l.targetGroupArn] : [],
    ),
  ];
  const { groups, listeners } = tgArns.length
    ? await listenersOfLoadBalancers(ctx, location, tgArns)
    : { groups: [], listeners: [] as ListenerState[] };
  const taskSets = serviceTaskSets(service);
  const labels = new Map<string, TaskSetLabel>();
  service.taskSets.forEach((ts, i) => {
    for (const tg of ts.targetGroupArns) labels.set(tg, taskSets[i].label);
  });
  const traffic = listenerTraffic(listeners, {
    targetGroupNames: new Map(groups.map(g => [g.arn, g.name])),
    labels,
  });
  const production = traffic.find(l => l.role === 'production');
  const names = new Map(groups.map(g => [g.arn, g.name]));
  service.taskSets.forEach((ts, i) => {
    const percent = production?.targetGroups
      .filter(tg => ts.targetGroupArns.some(a => names.get(a) === tg.name))
      .reduce((sum, tg) => sum + tg.percent, 0);
    if (percent !== undefined) taskSets[i].trafficWeight = percent;
    const name = names.get(ts.targetGroupArns[0] ?? '');
    if (name) taskSets[i].targetGroupName = name;
  });
  let shift: TrafficShift | undefined;
  const incoming = taskSets.find(t => t.label === 'ACTIVE');
  if (incoming && taskSets.length > 1) {
    const shifted = incoming.trafficWeight ?? 0;
    shift = {
      deploymentId: `ecs:${incoming.id.replace(/[^A-Za-z0-9._-]/g, '-')}`,
      phase: shifted > 0 && shifted < 100 ? 'SHIFTING' : 'PROVISIONING',
      shiftedPercent: shifted,
    };
  }
  return { listeners: traffic, taskSets, shift };
}

/**
 * Fills in production weights AWS did not report on the task set itself:
 * from the production listener by target group, or 100 for the only one.
 */
export function withWeights(
  taskSets: TaskSetInfo[],
  listeners: EnvironmentTraffic['listeners'],
): TaskSetInfo[] {
  const production = listeners.find(l => l.role === 'production');
  return taskSets.map(ts => {
    if (ts.trafficWeight !== undefined) return ts;
    const tg = production?.targetGroups.find(
      g => g.name === ts.targetGroupName,
    );
    if (tg) return { ...ts, trafficWeight: tg.percent };
    return taskSets.length === 1 ? { ...ts, trafficWeight: 100 } : ts;
  });
}

/**
 * Whether the service sits behind a load balancer, itself or through its
 * task sets. One without (a worker) takes no load-balanced traffic.
 */
function isLoadBalanced(service: ServiceState): boolean {
  return (
    service.loadBalancers.length > 0 ||
    service.taskSets.some(t => t.targetGroupArns.length > 0)
  );
}

/** Traffic of one environment, for any deployment controller. */
export async function readTraffic(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<EnvironmentTraffic> {
  const { env, service } = loaded;
  // On AWS's clock, like the timestamps the shift times come from.
  const observedAt = ctx.clients.clock.now().toISOString();
  // The newest CodeDeploy deployment does not need the group's settings:
  // read it alongside them rather than after.
  const headRead =
    service?.controller === 'CODE_DEPLOY' && loaded.codeDeploy
      ? activeHead(codeDeploySource(ctx, env, loaded.codeDeploy))
      : undefined;
  // A failing strategy read must not leave the head read's error unhandled.
  headRead?.catch(() => undefined);
  const { strategy, group } = await strategyOf(ctx, loaded);
  if (!service || !strategy) {
    return { environment: env.name, observedAt, listeners: [], taskSets: [] };
  }
  const base = {
    environment: env.name,
    controller: service.controller,
    strategy,
    loadBalanced: isLoadBalanced(service),
    observedAt,
  };
  let result;
  if (service.controller === 'CODE_DEPLOY' && group && headRead) {
    result = await codeDeployTraffic(
      ctx,
      loaded,
      service,
      group,
      strategy,
      headRead,
    );
  } else if (service.controller === 'EXTERNAL') {
    result = await externalTraffic(ctx, loaded, service);
  } else {
    result = await ecsNativeTraffic(ctx, loaded, service, strategy);
  }
  return {
    ...base,
    listeners: result.listeners,
    taskSets: withWeights(result.taskSets, result.listeners),
    ...(result.shift ? { shift: result.shift } : {}),
  };
}

import {
  DeploymentStrategy,
  TaskSetLabel,
  TrafficShift,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { serviceAtRest } from '../../aws/atRest';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { activeHead } from '../../history/activeHead';
import { taskDefinitionRef } from '../../mapping/taskDefinition';
import { ReadContext } from '../../reads/ReadContext';
import { listenerTraffic } from '../../traffic/listenerTraffic';
import { serviceTaskSets } from '../../traffic/taskSets';
import { TrafficRead } from '../DeploymentSystem';
import { ecsNativeTraffic } from '../ecsNative/traffic';
import { codeDeploySource } from './history';
import { codeDeployShift } from './shift';
import { deploymentGroupOf } from './strategy';

/**
 * Traffic of a CODE_DEPLOY service: the deployment group's production and
 * test listeners, BLUE/GREEN by CodeDeploy's task set info while a
 * deployment runs, else by which target group the primary task set serves.
 */
export async function codeDeployTraffic(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
  strategyRead: Promise<DeploymentStrategy>,
): Promise<TrafficRead> {
  const { env, codeDeploy } = loaded;
  const service = loaded.service!;
  const groupRead = deploymentGroupOf(ctx, loaded);
  if (!codeDeploy || !groupRead) {
    // Without its deployment group, what the service's load balancers say.
    return ecsNativeTraffic(ctx, loaded, strategyRead);
  }
  // The newest deployment does not need the group's settings: read it
  // alongside them rather than after.
  const headRead = activeHead(codeDeploySource(ctx, env, codeDeploy, service));
  headRead.catch(() => undefined);
  const [group, strategy] = await Promise.all([groupRead, strategyRead]);
  const location = { accountId: env.accountId, region: env.region };
  const [listeners, targetGroups, head] = await Promise.all([
    ctx.aws.elbv2.listeners(location, {
      listenerArns: [...group.prodListenerArns, ...group.testListenerArns],
      serviceAtRest: serviceAtRest(service),
    }),
    ctx.aws.elbv2.targetGroups(location, { names: group.targetGroupNames }),
    headRead,
  ]);
  let taskSets = serviceTaskSets(service);
  let shift: TrafficShift | undefined;
  const labels = new Map<string, TaskSetLabel>();
  if (head) {
    const awsId = parseDeploymentId(head.id)!.awsId;
    const targets = await ctx.aws.codeDeploy.deploymentTargets(location, awsId);
    const target = targets[0];
    if (!target) {
      // Created, not started: no targets yet; a reader sees it starting.
      shift = {
        deploymentId: head.id,
        phase: 'PROVISIONING',
        shiftedPercent: 0,
        offers: head.offers ?? [],
      };
    } else {
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
      shift = {
        ...codeDeployShift({
          deploymentId: head.id,
          status: head.status,
          strategy,
          events: target.lifecycleEvents,
          greenWeight: green?.trafficWeight ?? 0,
        }),
        offers: head.offers ?? [],
      };
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

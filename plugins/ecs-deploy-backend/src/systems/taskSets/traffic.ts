import {
  TaskSetLabel,
  TrafficShift,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { serviceAtRest } from '../../aws/atRest';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { ReadContext } from '../../reads/ReadContext';
import { listenerTraffic } from '../../traffic/listenerTraffic';
import { listenersOfLoadBalancers } from '../../traffic/loadBalancers';
import { serviceTaskSets } from '../../traffic/taskSets';
import { TrafficRead } from '../DeploymentSystem';
import { factsOfTraffic, releaseOffers } from './offers';

/**
 * Traffic of an EXTERNAL service: its task sets weighted by the production
 * listener's target groups; an ACTIVE task set next to the primary one is
 * a release, with the offers that move it (the same as its actions check).
 */
export async function externalTraffic(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<TrafficRead> {
  const { env } = loaded;
  const service = loaded.service!;
  const location = { accountId: env.accountId, region: env.region };
  const tgArns = [
    ...service.taskSets.flatMap(t => t.targetGroupArns),
    ...service.loadBalancers.flatMap(l =>
      l.targetGroupArn ? [l.targetGroupArn] : [],
    ),
  ];
  const { groups, listeners } = await listenersOfLoadBalancers(
    ctx,
    location,
    tgArns,
    serviceAtRest(service),
  );
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
  const read: TrafficRead = { listeners: traffic, taskSets };
  const facts = factsOfTraffic(loaded, read);
  if (facts.incoming && taskSets.length > 1) {
    const shifted = facts.shiftedPercent;
    let phase: TrafficShift['phase'] = 'WAITING';
    if (!facts.incomingSteady) phase = 'PROVISIONING';
    else if (shifted > 0 && shifted < 100) phase = 'SHIFTING';
    read.shift = {
      deploymentId: facts.incoming,
      phase,
      shiftedPercent: shifted,
      offers: releaseOffers(facts),
    };
  }
  return read;
}

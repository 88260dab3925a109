import { EnvironmentTraffic } from '@ecs-deploy/plugin-ecs-deploy-common';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { serviceSystemOf } from '../systems/registry';
import { isLoadBalanced, withWeights } from '../traffic/taskSets';
import { ReadContext } from './ReadContext';

/** Traffic of one environment, read by the system that moves its service. */
export async function readTraffic(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<EnvironmentTraffic> {
  const { env, service } = loaded;
  // On AWS's clock, like the timestamps the shift times come from.
  const observedAt = ctx.aws.now().toISOString();
  const system = serviceSystemOf(loaded);
  if (!service || !system) {
    return { environment: env.name, observedAt, listeners: [], taskSets: [] };
  }
  const strategyRead = system.strategy(ctx, loaded);
  // Awaited by the traffic read; a failure there must not go unhandled here.
  strategyRead.catch(() => undefined);
  const traffic = await system.traffic(ctx, loaded, strategyRead);
  return {
    environment: env.name,
    controller: service.controller,
    strategy: await strategyRead,
    loadBalanced: isLoadBalanced(service),
    observedAt,
    listeners: traffic.listeners,
    taskSets: withWeights(traffic.taskSets, traffic.listeners),
    ...(traffic.shift ? { shift: traffic.shift } : {}),
  };
}

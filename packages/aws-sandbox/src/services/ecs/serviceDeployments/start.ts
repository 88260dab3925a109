import { ecsServiceDeploymentArn } from '../../../core/arns';
import type { EcsStore } from '../EcsStore';
import type {
  RolloutRecord,
  ServiceDeploymentRecord,
  ServiceRecord,
} from '../model';
import { createServiceRevision } from '../revisions';
import { enterStage } from './hooks';
import { supersede } from './rollback';
import { isActiveDeployment, strategyOf } from './status';
import { otherTargetGroup, routeAllTo } from './traffic';

/**
 * Creates the service revision and service deployment for a new task
 * definition (CreateService, UpdateService, CodePipeline's ECS action) and
 * puts its tasks in motion. A service's first deployment places its tasks
 * (ROLLING) whatever the strategy, as AWS does.
 */
export function startServiceDeployment(
  store: EcsStore,
  service: ServiceRecord,
  taskDefinition: string,
  now: number,
): ServiceDeploymentRecord {
  const scope = { accountId: service.accountId, region: service.region };
  const revision = createServiceRevision(store, service, taskDefinition, now);

  // A newer deployment supersedes one still running.
  const previous = service.currentServiceDeployment
    ? store.deployments.get(service.currentServiceDeployment)
    : undefined;
  if (previous && isActiveDeployment(previous)) {
    supersede(store, service, previous, now);
  }

  const strategy = strategyOf(service);
  const initial = service.rollouts.length === 0;
  const source = store.primaryRollout(service);
  const shifting = strategy !== 'ROLLING' && !initial;
  const targetTargetGroups = service.loadBalancers.map((lb, i) =>
    shifting
      ? otherTargetGroup(service, i)
      : service.liveTargetGroups[i] ?? lb.targetGroupArn,
  );

  const rollout: RolloutRecord = {
    id: store.newEcsSvcId(),
    status: 'PRIMARY',
    taskDefinition,
    // Blue/green starts its green tasks at SCALE_UP; rolling starts them now.
    desiredCount: shifting ? 0 : service.desiredCount,
    failedTasks: 0,
    createdAt: now,
    updatedAt: now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: 'ECS deployment in progress.',
    revisionArn: revision.arn,
    targetGroupArns: targetTargetGroups.filter((t): t is string => !!t),
  };
  for (const r of service.rollouts) {
    if (r.status === 'PRIMARY') r.status = 'ACTIVE';
    // Blue/green keeps only the live (source) revision; any other drains now.
    if (shifting && r !== source) r.desiredCount = 0;
  }
  service.rollouts.unshift(rollout);

  const id = String(store.world.randomHex(20));
  const d: ServiceDeploymentRecord = {
    arn: ecsServiceDeploymentArn(scope, service.clusterName, service.name, id),
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    createdAt: now,
    startedAt: now,
    updatedAt: now,
    sourceRevisionArns: source ? [source.revisionArn] : [],
    targetRevisionArn: revision.arn,
    status: 'IN_PROGRESS',
    strategy: initial ? 'ROLLING' : strategy,
    deploymentConfiguration: structuredClone(service.deploymentConfiguration),
    hooks: [],
    circuitBreakerStatus: service.deploymentConfiguration
      .deploymentCircuitBreaker?.enable
      ? 'MONITORING'
      : 'DISABLED',
    stageEnteredAt: now,
    productionPercent: 0,
    targetRolloutId: rollout.id,
    sourceRolloutId: source?.id,
    targetTargetGroups,
    sourceTargetGroups: [...service.liveTargetGroups],
  };
  store.addDeployment(d);
  service.currentServiceDeployment = d.arn;
  service.taskDefinition = taskDefinition;
  service.steady = false;
  if (initial) {
    service.liveTargetGroups = targetTargetGroups;
    // Production (and test) traffic goes to the first target group.
    routeAllTo(store, service, service.liveTargetGroups);
  }
  enterStage(store, d, service, shifting ? 'PRE_SCALE_UP' : 'SCALE_UP', now);
  return d;
}

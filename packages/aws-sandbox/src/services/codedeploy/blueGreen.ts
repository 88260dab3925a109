import { AwsError } from '../../core/AwsError';
import { uuidFor } from '../../core/ids';
import type { SandboxWorld } from '../../world';
import { parseAppSpec } from './appspec';
import type { DeploymentGroupRecord, DeploymentRecord } from './model';

/*
 * What a deployment changes in ECS and ELBv2: the replacement (green) task
 * set, and the weights of the group's production and test listeners between
 * the original (blue) target group and the replacement's.
 */

/**
 * Which target group of the group's pair is blue (the original) for a new
 * deployment: the one taking production traffic now, or the pair's first when
 * the listener does not say. Green is the other one, so the two alternate from
 * one deployment to the next, as in AWS.
 */
export function pickBlueGreen(
  world: SandboxWorld,
  d: DeploymentRecord,
  group: DeploymentGroupRecord,
): void {
  const pair = group.loadBalancerInfo?.targetGroupPairInfoList?.[0];
  const names = (pair?.targetGroups ?? [])
    .map(t => t.name)
    .filter((n): n is string => Boolean(n));
  if (names.length < 2) return;
  let blue = names[0];
  const listener = pair?.prodTrafficRoute?.listenerArns?.[0];
  if (listener) {
    try {
      const weights = world.elbv2.getListenerWeights(listener);
      const top = [...weights].sort((a, b) => b.weight - a.weight)[0];
      const match = names.find(n =>
        top?.targetGroupArn.includes(`:targetgroup/${n}/`),
      );
      if (match) blue = match;
    } catch {
      // a listener ELBv2 does not know: keep the pair's order
    }
  }
  d.blueTargetGroup = blue;
  d.greenTargetGroup = names.find(n => n !== blue);
}

/**
 * Creates the replacement task set with the appspec's container and port;
 * false (and the deployment's failure planned, in ECS's words) when ECS
 * refuses it.
 */
export function installGreen(
  world: SandboxWorld,
  d: DeploymentRecord,
  group: DeploymentGroupRecord | undefined,
): boolean {
  const spec = parseAppSpec(d.appSpecContent ?? '');
  const greenArn = d.greenTargetGroup
    ? targetGroupArn(world, d, d.greenTargetGroup)
    : undefined;
  try {
    d.greenTaskSetArn = world.ecs.createTaskSet({
      accountId: d.accountId,
      region: d.region,
      cluster: d.clusterName,
      service: d.serviceName,
      taskDefinition: d.taskDefinition ?? '',
      targetGroupArns: greenArn ? [greenArn] : [],
      scalePercent: 100,
      externalId: group ? `${d.deploymentId}` : undefined,
      launchType: 'FARGATE',
      containerName: spec.containerName,
      containerPort: spec.containerPort,
    });
    return true;
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    d.failure = {
      event: 'Install',
      message: `The ECS service cannot be updated due to an unexpected error: ${
        error.message
      } (Service: AmazonECS; Status Code: ${error.statusCode}; Error Code: ${
        error.code
      }; Request ID: ${uuidFor(
        'ecs-request',
        d.deploymentId,
      )}; Proxy: null). Check your ECS service status.`,
    };
    return false;
  }
}

/** Sets the group's production or test listeners to the deployment's green weight. */
export function applyWeights(
  world: SandboxWorld,
  d: DeploymentRecord,
  group: DeploymentGroupRecord | undefined,
  route: 'prod' | 'test',
): void {
  const pair = group?.loadBalancerInfo?.targetGroupPairInfoList?.[0];
  const listeners =
    (route === 'prod'
      ? pair?.prodTrafficRoute?.listenerArns
      : pair?.testTrafficRoute?.listenerArns) ?? [];
  if (!d.blueTargetGroup || !d.greenTargetGroup) return;
  const blue = targetGroupArn(world, d, d.blueTargetGroup);
  const green = targetGroupArn(world, d, d.greenTargetGroup);
  if (!blue || !green) return;
  const greenWeight = route === 'prod' ? d.trafficWeight : d.testTrafficWeight;
  for (const listenerArn of listeners) {
    world.elbv2.setListenerWeights(listenerArn, [
      { targetGroupArn: blue, weight: 100 - greenWeight },
      { targetGroupArn: green, weight: greenWeight },
    ]);
  }
}

/** Both listeners back to the original target group, the original primary again, the replacement removed. */
export function restoreBlue(
  world: SandboxWorld,
  d: DeploymentRecord,
  group: DeploymentGroupRecord | undefined,
): void {
  d.trafficWeight = 0;
  d.testTrafficWeight = 0;
  applyWeights(world, d, group, 'prod');
  applyWeights(world, d, group, 'test');
  if (d.instanceTerminationWaitTimeStarted && d.blueTaskSetArn) {
    world.ecs.setPrimaryTaskSet(d.blueTaskSetArn);
  }
  if (d.greenTaskSetArn) {
    world.ecs.deleteTaskSet(d.greenTaskSetArn);
  }
}

/** A target group's ARN by name, in the deployment's account and region. */
function targetGroupArn(
  world: SandboxWorld,
  d: DeploymentRecord,
  name: string,
): string | undefined {
  return world.elbv2.findTargetGroupArn(d.accountId, d.region, name);
}

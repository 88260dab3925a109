import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import type { RequestContext } from '../../../core/types';
import type { CodeDeployStore } from '../CodeDeployStore';
import type { DeploymentGroupRecord } from '../model';
import { need } from './input';

/**
 * A deployment group record from CreateDeploymentGroup's input (or
 * UpdateDeploymentGroup's, merged over the current group), with the checks
 * AWS makes for the ECS compute platform.
 */
export function groupFromInput(
  input: any,
  ctx: RequestContext,
  store: CodeDeployStore,
  existing?: DeploymentGroupRecord,
): DeploymentGroupRecord {
  const scope = callerScope(ctx);
  const appName = need(
    input,
    'applicationName',
    'ApplicationNameRequiredException',
  );
  const name = need(
    input,
    'deploymentGroupName',
    'DeploymentGroupNameRequiredException',
  );
  const app = store.getApplication(scope, appName);
  const serviceRoleArn = need(input, 'serviceRoleArn', 'RoleRequiredException');
  const configName: string =
    input.deploymentConfigName ??
    (app.computePlatform === 'ECS'
      ? 'CodeDeployDefault.ECSAllAtOnce'
      : 'CodeDeployDefault.OneAtATime');
  if (app.computePlatform === 'ECS') store.getConfig(scope, configName);

  const group: DeploymentGroupRecord = {
    ...scope,
    applicationName: appName,
    deploymentGroupId:
      existing?.deploymentGroupId ??
      store.newDeploymentGroupId(scope, appName, name),
    deploymentGroupName: name,
    deploymentConfigName: configName,
    serviceRoleArn,
    computePlatform: app.computePlatform,
    ecsServices: input.ecsServices ?? [],
    loadBalancerInfo: input.loadBalancerInfo,
    blueGreenDeploymentConfiguration: input.blueGreenDeploymentConfiguration,
    autoRollbackConfiguration: input.autoRollbackConfiguration,
    alarmConfiguration: input.alarmConfiguration,
    deploymentStyle: input.deploymentStyle,
    lastSuccessfulDeploymentId: existing?.lastSuccessfulDeploymentId,
    lastAttemptedDeploymentId: existing?.lastAttemptedDeploymentId,
  };
  if (app.computePlatform === 'ECS') validateEcs(group, ctx);
  return group;
}

function validateEcs(group: DeploymentGroupRecord, ctx: RequestContext): void {
  const style = group.deploymentStyle;
  if (
    style?.deploymentType !== 'BLUE_GREEN' ||
    style?.deploymentOption !== 'WITH_TRAFFIC_CONTROL'
  ) {
    throw new AwsError(
      'InvalidDeploymentStyleException',
      'An ECS deployment group requires deploymentStyle BLUE_GREEN with WITH_TRAFFIC_CONTROL',
    );
  }
  const service = group.ecsServices[0];
  if (
    group.ecsServices.length !== 1 ||
    !service?.clusterName ||
    !service.serviceName
  ) {
    throw new AwsError(
      'InvalidECSServiceException',
      'An ECS deployment group requires exactly one ECS service (serviceName and clusterName)',
    );
  }
  let controller: string;
  try {
    controller = ctx.world.ecs.getService({
      accountId: group.accountId,
      region: group.region,
      cluster: service.clusterName,
      service: service.serviceName,
    }).deploymentController;
  } catch (error) {
    if (error instanceof AwsError && error.statusCode < 500) {
      throw new AwsError(
        'InvalidECSServiceException',
        `The ECS service ${service.serviceName} in cluster ${service.clusterName} was not found`,
      );
    }
    throw error;
  }
  if (controller !== 'CODE_DEPLOY') {
    throw new AwsError(
      'InvalidECSServiceException',
      `Deployment group's ECS service must be configured for a CODE_DEPLOY deployment controller.`,
    );
  }
  const pair = group.loadBalancerInfo?.targetGroupPairInfoList;
  if (pair?.length !== 1 || pair[0].targetGroups?.length !== 2) {
    throw new AwsError(
      'InvalidTargetGroupPairException',
      'An ECS deployment group requires one target group pair with two target groups',
    );
  }
  if (!pair[0].prodTrafficRoute?.listenerArns?.length) {
    throw new AwsError(
      'InvalidLoadBalancerInfoException',
      'The target group pair requires a production listener',
    );
  }
  const ready = group.blueGreenDeploymentConfiguration?.deploymentReadyOption;
  if (
    ready?.actionOnTimeout &&
    !['CONTINUE_DEPLOYMENT', 'STOP_DEPLOYMENT'].includes(ready.actionOnTimeout)
  ) {
    throw new AwsError(
      'InvalidBlueGreenDeploymentConfigurationException',
      `actionOnTimeout ${ready.actionOnTimeout} is not valid`,
    );
  }
}

import { DeploymentStrategy } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  getDeploymentConfig,
  getDeploymentGroup,
} from '../aws/codeDeployReads';
import { ReadContext } from '../aws/ReadContext';
import { LoadedEnvironment } from '../EnvironmentContext';
import { DeploymentConfigState, DeploymentGroupState } from '../model';

/** The CodeDeploy strategy from its deployment group and config. */
export function codeDeployStrategy(
  group: DeploymentGroupState,
  config: DeploymentConfigState,
): DeploymentStrategy {
  const kinds = {
    TimeBasedCanary: 'CANARY',
    TimeBasedLinear: 'LINEAR',
    AllAtOnce: 'ALL_AT_ONCE',
  } as const;
  const kind = kinds[config.type];
  return {
    kind,
    configName: config.name,
    ...(config.percent !== undefined ? { stepPercent: config.percent } : {}),
    ...(config.intervalMinutes !== undefined
      ? { stepIntervalMinutes: config.intervalMinutes }
      : {}),
    ...(group.terminationWaitMinutes !== undefined
      ? { bakeTimeMinutes: group.terminationWaitMinutes }
      : {}),
  };
}

/**
 * Strategy of an environment's service; for CodeDeploy it reads the group
 * and config. None for an environment without a service.
 */
export async function strategyOf(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<{
  strategy?: DeploymentStrategy;
  group?: DeploymentGroupState;
  config?: DeploymentConfigState;
}> {
  const { env, service, codeDeploy } = loaded;
  if (!service) return {};
  if (service.controller === 'CODE_DEPLOY' && codeDeploy) {
    const location = { accountId: env.accountId, region: env.region };
    const group = await getDeploymentGroup(ctx, location, codeDeploy);
    const config = await getDeploymentConfig(
      ctx,
      location,
      group.deploymentConfigName,
    );
    return { strategy: codeDeployStrategy(group, config), group, config };
  }
  return { strategy: service.strategy };
}

import { DeploymentStrategy } from '@ecs-deploy/plugin-ecs-deploy-common';
import { DeploymentConfigState, DeploymentGroupState } from '../../aws/state';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { ReadContext } from '../../reads/ReadContext';

/** The CodeDeploy strategy from its deployment group and config. */
function codeDeployStrategy(
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

/** The environment's deployment group as CodeDeploy reports it (cached). */
export function deploymentGroupOf(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<DeploymentGroupState> | undefined {
  const { env, codeDeploy } = loaded;
  return codeDeploy
    ? ctx.aws.codeDeploy.deploymentGroup(
        { accountId: env.accountId, region: env.region },
        codeDeploy,
      )
    : undefined;
}

/**
 * The strategy from the group and its config; without a known group, what
 * ECS says of the service.
 */
export async function readCodeDeployStrategy(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<DeploymentStrategy> {
  const groupRead = deploymentGroupOf(ctx, loaded);
  if (!groupRead) return loaded.service!.strategy;
  const { env } = loaded;
  const group = await groupRead;
  const config = await ctx.aws.codeDeploy.deploymentConfig(
    { accountId: env.accountId, region: env.region },
    group.deploymentConfigName,
  );
  return codeDeployStrategy(group, config);
}

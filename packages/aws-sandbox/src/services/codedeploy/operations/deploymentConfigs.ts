import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import { uuidFor } from '../../../core/ids';
import { paginate } from '../../../core/pagination';
import type { OperationHandler } from '../../../core/types';
import type { CodeDeployStore } from '../CodeDeployStore';
import { renderConfig } from '../render';
import { need } from './input';
import { validateRouting } from './routingConfigInput';

/** Deployment configurations (predefined and custom). */
export function deploymentConfigOperations(
  store: CodeDeployStore,
): Record<string, OperationHandler> {
  return {
    GetDeploymentConfig(input, ctx) {
      const name = need(
        input,
        'deploymentConfigName',
        'DeploymentConfigNameRequiredException',
      );
      return {
        deploymentConfigInfo: renderConfig(
          store.getConfig(callerScope(ctx), name),
        ),
      };
    },
    ListDeploymentConfigs(input, ctx) {
      const { page, nextToken } = paginate(
        store.listConfigs(callerScope(ctx)),
        {
          nextToken: input.nextToken,
          defaultMaxResults: 100,
          invalidTokenCode: 'InvalidNextTokenException',
        },
      );
      return { deploymentConfigsList: page, nextToken };
    },
    CreateDeploymentConfig(input, ctx) {
      const name = need(
        input,
        'deploymentConfigName',
        'DeploymentConfigNameRequiredException',
      );
      const routing = validateRouting(input.trafficRoutingConfig);
      const platform = input.computePlatform ?? 'Server';
      if (platform === 'ECS' && !routing) {
        throw new AwsError(
          'InvalidTrafficRoutingConfigurationException',
          'An ECS deployment configuration requires a trafficRoutingConfig',
        );
      }
      const id = uuidFor(
        'deploymentconfig',
        `${ctx.accountId}/${ctx.region}/${name}`,
      );
      store.createConfig({
        ...callerScope(ctx),
        deploymentConfigId: id,
        deploymentConfigName: name,
        computePlatform: platform,
        trafficRoutingConfig: routing,
        minimumHealthyHosts: input.minimumHealthyHosts,
        createTime: ctx.world.clock.nowMs(),
      });
      return { deploymentConfigId: id };
    },
  };
}

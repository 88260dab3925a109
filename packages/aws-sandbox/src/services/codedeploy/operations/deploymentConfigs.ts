import { AwsError } from '../../../core/AwsError';
import { paginate } from '../../../core/pagination';
import { validateRouting } from '../routingConfig';
import { uuidFor } from '../ids';
import type { OperationHandler } from '../../../core/types';
import type { CodeDeployStore } from '../CodeDeployStore';
import { renderConfig } from '../render';
import { need } from '../validate';
import { where } from './common';

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
        deploymentConfigInfo: renderConfig(store.getConfig(where(ctx), name)),
      };
    },
    ListDeploymentConfigs(input, ctx) {
      const { page, nextToken } = paginate(store.listConfigs(where(ctx)), {
        nextToken: input.nextToken,
        defaultMaxResults: 100,
        invalidTokenCode: 'InvalidNextTokenException',
      });
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
        ...where(ctx),
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

import {
  DeploymentStrategy,
  DeploymentStrategyKind,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { InputError } from '@backstage/errors';
import { DeploymentSystem } from '../DeploymentSystem';
import { prepareEcsAction } from './actions';
import { ecsDetail } from './detail';
import { ecsSource } from './history';
import { ecsNativeTraffic } from './traffic';

const LABELS: Partial<Record<DeploymentStrategyKind, string>> = {
  ROLLING: 'ECS rolling',
  BLUE_GREEN: 'ECS blue/green',
  CANARY: 'ECS canary',
  LINEAR: 'ECS linear',
};

const label = (strategy: DeploymentStrategy) =>
  LABELS[strategy.kind] ?? `ECS ${strategy.kind.toLowerCase()}`;

/**
 * ECS-native deployments (ECS controller: rolling, blue/green, canary,
 * linear): service deployments, their lifecycle stages and pause hooks.
 */
export const ecsNativeSystem: DeploymentSystem = {
  id: 'ecsNative',
  entryKind: 'ecs',
  appliesTo: loaded =>
    !!loaded.env.service && loaded.service?.controller === 'ECS',
  historySource: (ctx, loaded) => ecsSource(ctx, loaded.env, loaded.service),
  detail: ecsDetail,
  service: {
    controller: 'ECS',
    info: (_loaded, strategy) => ({ id: 'ecsNative', label: label(strategy) }),
    strategy: async (_ctx, loaded) => loaded.service!.strategy,
    traffic: ecsNativeTraffic,
    // ECS service revisions record the digest of each image deployed.
    recordsImageDigests: true,
  },
  deploymentActions: {
    notApplicable: env =>
      `environment '${env.name}' has no service deployed by the ECS deployment controller`,
    prepare: (ctx, target, action, awsId) => {
      if (action === 'finish-early') {
        throw new InputError(
          `deploymentId: finish-early applies to CodeDeploy blue/green deployments; ECS deployments end with their bake time`,
        );
      }
      return prepareEcsAction(
        ctx,
        target,
        action,
        awsId,
        target.loaded.env.service!,
      );
    },
  },
};

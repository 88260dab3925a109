import type { DeploymentConfiguration } from '@aws-sdk/client-ecs';
import { InputError } from '@backstage/errors';
import { ecrRepositoryUri } from '@ecs-deploy/plugin-ecs-deploy-common';
import type { EnvironmentTarget } from '../config/scaffolderConfig';
import { FargateSize } from '../lib/fargate';
import type { ServiceOwnership } from '../authz/ServiceAuthorizer';
import { ServiceNames, serviceNames } from './serviceNames';

/** The strategies of the ECS deployment controller. @public */
export type EcsStrategy = 'ROLLING' | 'BLUE_GREEN' | 'CANARY' | 'LINEAR';

/**
 * How traffic reaches the service: through an ALB of its own, by a host rule
 * on the environment's shared ALB, or not at all (a worker).
 *
 * @public
 */
export type Routing = 'own' | 'shared' | 'none';

/**
 * Where a service lives and how traffic reaches it: what every action that
 * looks at the service's resources needs, decided before any AWS call.
 *
 * @public
 */
export interface ServiceLayout {
  entityRef: string;
  owner: ServiceOwnership;
  env: EnvironmentTarget;
  names: ServiceNames;
  controller: 'CODE_DEPLOY' | 'ECS';
  strategy?: EcsStrategy;
  routing: Routing;
  /** Two target groups and a test listener, for a blue/green switch. */
  blueGreen: boolean;
  /** Shared routing: the host the service's rules match. */
  host?: string;
  listenerPorts: { production: number; test: number };
}

/**
 * Everything `ecs:service:create` builds.
 *
 * @public
 */
export interface ServiceSpec extends ServiceLayout {
  containerPort: number;
  healthCheckPath: string;
  size: FargateSize;
  desiredCount: number;
  image: string;
  deploymentConfiguration?: DeploymentConfiguration;
}

/** What the caller chose about the deployment, as the action's input has it. */
export interface DeploymentInput {
  deploymentController: 'CODE_DEPLOY' | 'ECS';
  strategy?: EcsStrategy;
  loadBalanced: boolean;
  overlap?: boolean;
  bakeTimeInMinutes?: number;
  canaryPercent: number;
  canaryBakeTimeInMinutes: number;
  linearStepPercent: number;
  linearStepBakeTimeInMinutes: number;
  /** Pause after test traffic reaches the new revision, until someone continues it. */
  holdBeforeTraffic: boolean;
  /** How long that pause waits before rolling back. */
  holdTimeoutMinutes: number;
}

const TRAFFIC_SHIFTING: EcsStrategy[] = ['BLUE_GREEN', 'CANARY', 'LINEAR'];

/** @public */
export function serviceLayout(opts: {
  name: string;
  owner: ServiceOwnership;
  env: EnvironmentTarget;
  deployment: Pick<
    DeploymentInput,
    'deploymentController' | 'strategy' | 'loadBalanced'
  >;
}): ServiceLayout {
  const { env, deployment } = opts;
  const controller = deployment.deploymentController;
  if (
    controller === 'CODE_DEPLOY' &&
    deployment.strategy &&
    deployment.strategy !== 'BLUE_GREEN'
  ) {
    throw new InputError(
      `strategy: ${deployment.strategy} needs deploymentController ECS; with CODE_DEPLOY the deployment config of ecs:codedeploy:create sets canary or linear`,
    );
  }
  const strategy =
    controller === 'ECS' ? deployment.strategy ?? 'ROLLING' : undefined;
  const shifting =
    strategy !== undefined && TRAFFIC_SHIFTING.includes(strategy);
  if (!deployment.loadBalanced && strategy !== 'ROLLING') {
    throw new InputError(
      'loadBalanced: only a ROLLING service of the ECS controller can run without a load balancer; blue/green moves load-balanced traffic',
    );
  }
  let routing: Routing = 'own';
  if (!deployment.loadBalanced) routing = 'none';
  else if (shifting && env.sharedLoadBalancer) routing = 'shared';
  const shared = routing === 'shared' ? env.sharedLoadBalancer : undefined;
  return {
    entityRef: opts.owner.entityRef,
    owner: opts.owner,
    env,
    names: serviceNames(opts.name, env.name),
    controller,
    ...(strategy ? { strategy } : {}),
    routing,
    blueGreen: controller === 'CODE_DEPLOY' || shifting,
    ...(shared
      ? { host: shared.hostPattern.split('{name}').join(opts.name) }
      : {}),
    listenerPorts: shared
      ? {
          production: shared.productionListenerPort,
          test: shared.testListenerPort,
        }
      : {
          production: env.productionListenerPort,
          test: env.testListenerPort,
        },
  };
}

/** @public */
export function serviceSpec(opts: {
  name: string;
  owner: ServiceOwnership;
  env: EnvironmentTarget;
  registry: { accountId: string; region: string };
  containerPort: number;
  healthCheckPath: string;
  size: FargateSize;
  desiredCount: number;
  deployment: DeploymentInput;
}): ServiceSpec {
  const layout = serviceLayout(opts);
  if (opts.deployment.holdBeforeTraffic && layout.controller !== 'ECS') {
    throw new InputError(
      'holdBeforeTraffic: a CODE_DEPLOY service holds at READY through ecs:codedeploy:create waitForApproval',
    );
  }
  if (opts.deployment.holdBeforeTraffic && !layout.blueGreen) {
    throw new InputError(
      'holdBeforeTraffic: a rolling service has no test traffic to hold at; use a blue/green, canary or linear strategy',
    );
  }
  if (opts.env.subnets.length === 0) {
    throw new InputError(
      `environment: '${opts.env.name}' has no subnets in ecsDeploy.scaffolder.environments; Fargate (awsvpc) needs them`,
    );
  }
  return {
    ...layout,
    containerPort: opts.containerPort,
    healthCheckPath: opts.healthCheckPath,
    size: opts.size,
    desiredCount: opts.desiredCount,
    image: `${ecrRepositoryUri({
      ...opts.registry,
      name: layout.names.ecrRepository,
    })}:${opts.env.name}`,
    ...(layout.strategy
      ? {
          deploymentConfiguration: ecsDeploymentConfiguration(
            layout.strategy,
            opts.deployment,
          ),
        }
      : {}),
  };
}

/**
 * The ECS controller's deployment configuration. A worker without a load
 * balancer stops its old task before starting the new one (0/100) unless the
 * caller asks for overlap; anything load-balanced keeps full capacity.
 */
function ecsDeploymentConfiguration(
  strategy: EcsStrategy,
  input: DeploymentInput,
): DeploymentConfiguration {
  const config: DeploymentConfiguration = {
    strategy,
    // Roll back a deployment whose tasks never become healthy.
    deploymentCircuitBreaker: { enable: true, rollback: true },
  };
  if (strategy === 'ROLLING') {
    const overlap = input.overlap ?? input.loadBalanced;
    return {
      ...config,
      minimumHealthyPercent: overlap ? 100 : 0,
      maximumPercent: overlap ? 200 : 100,
    };
  }
  config.bakeTimeInMinutes = input.bakeTimeInMinutes ?? 5;
  if (input.holdBeforeTraffic) {
    // After test traffic reaches the new revision and before production
    // traffic moves: a person continues it from the Deployments tab
    // (ContinueServiceDeployment), or it rolls back when the wait ends.
    config.lifecycleHooks = [
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
        timeoutConfiguration: {
          timeoutInMinutes: input.holdTimeoutMinutes,
          action: 'ROLLBACK',
        },
      },
    ];
  }
  if (strategy === 'CANARY') {
    config.canaryConfiguration = {
      canaryPercent: input.canaryPercent,
      canaryBakeTimeInMinutes: input.canaryBakeTimeInMinutes,
    };
  }
  if (strategy === 'LINEAR') {
    config.linearConfiguration = {
      stepPercent: input.linearStepPercent,
      stepBakeTimeInMinutes: input.linearStepBakeTimeInMinutes,
    };
  }
  return config;
}

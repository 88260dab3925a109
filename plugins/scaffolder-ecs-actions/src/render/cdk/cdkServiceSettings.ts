import type { TrafficRoutingConfig } from '@aws-sdk/client-codedeploy';
import type { DeploymentConfiguration } from '@aws-sdk/client-ecs';
import { InputError } from '@backstage/errors';
import {
  EcsDeployTagKeys,
  tagRecord,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { serviceTags } from '../../authz/adoption';
import type { ServiceOwnership } from '../../authz/ServiceAuthorizer';
import {
  environmentNamed,
  registryLocation,
} from '../../config/resolveEnvironment';
import type { ScaffolderSettings } from '../../config/scaffolderConfig';
import type { FargateSize } from '../../lib/fargate';
import { codeDeploySpec } from '../../plan/codeDeployPlan';
import type { TrafficShift } from '../../plan/deploymentConfig';
import { ecrRepositoryName } from '../../plan/serviceNames';
import { ServiceSpec, serviceSpec } from '../../plan/serviceSpec';
import { environmentDir } from '../renderInfraRepository';
import type { CdkDeploymentOptions } from './infrastructureInput';
import type {
  CdkCodeDeploySettings,
  CdkEcsDeploymentSettings,
  CdkEnvironmentSettings,
  CdkServiceSettings,
} from './types';

/** How long a hold waits for a person, as the actions' defaults. */
const HOLD_MINUTES = 60;

/**
 * The CDK app's settings, from the same config and the same plan functions
 * the ecs:* actions use, so both ways declare the same names, network, roles
 * and deployment behaviour. Fails with an InputError naming the field where
 * the actions would, and where the CDK app cannot follow them.
 *
 * @public
 */
export function cdkServiceSettings(opts: {
  name: string;
  owner: ServiceOwnership;
  tagKeys: EcsDeployTagKeys;
  settings: ScaffolderSettings;
  environments: string[];
  containerPort: number;
  size: FargateSize;
  deploymentController: 'CODE_DEPLOY' | 'ECS';
  options: CdkDeploymentOptions;
  /** `owner/repository` of the infrastructure repository. */
  fullRepositoryId: string;
}): CdkServiceSettings {
  const { name, settings, options } = opts;
  const connectionArn = settings.infraRepository.connectionArn;
  if (!connectionArn) {
    throw new InputError(
      'ecsDeploy.scaffolder.infraRepository.connectionArn is required: the pipelines read the infrastructure repository through it',
    );
  }
  for (const field of ['manualApproval', 'holdBeforeTraffic'] as const) {
    const unknown = options[field].filter(e => !opts.environments.includes(e));
    if (unknown.length) {
      throw new InputError(
        `cdk.${field}: ${unknown.join(
          ', ',
        )} is not among the environments (${opts.environments.join(', ')})`,
      );
    }
  }
  const registry = registryLocation(settings);
  const [repoOwner, repo] = opts.fullRepositoryId.split('/');
  const declaredApplications = new Set<string>();

  const environments = opts.environments.map(
    (envName, i): CdkEnvironmentSettings => {
      const env = environmentNamed(settings, envName, `environments[${i}]`);
      const hold = options.holdBeforeTraffic.includes(env.name);
      const spec = serviceSpec({
        name,
        owner: opts.owner,
        env,
        registry,
        containerPort: opts.containerPort,
        healthCheckPath: options.healthCheckPath,
        size: opts.size,
        desiredCount: options.desiredCount,
        deployment: {
          deploymentController: opts.deploymentController,
          strategy: options.strategy,
          loadBalanced: options.loadBalanced,
          bakeTimeInMinutes: options.bakeTimeInMinutes,
          canaryPercent: 10,
          canaryBakeTimeInMinutes: 5,
          linearStepPercent: 10,
          linearStepBakeTimeInMinutes: 1,
          holdBeforeTraffic: hold && opts.deploymentController === 'ECS',
          holdTimeoutMinutes: HOLD_MINUTES,
        },
      });
      if (spec.routing === 'shared') {
        throw new InputError(
          `infrastructure: '${
            env.name
          }' puts ECS-native services on the shared load balancer '${
            env.sharedLoadBalancer!.name
          }', whose listeners and free rule priorities are only known by looking them up; the CDK app gives a service an ALB of its own only, so use infrastructure actions for this service`,
        );
      }
      const { names } = spec;
      const dir = environmentDir(env.name);
      const where = `${env.accountId}/${env.region}`;
      let deployment: CdkEnvironmentSettings['deployment'];
      if (spec.controller === 'CODE_DEPLOY') {
        deployment = codeDeploySettings(spec, options, hold, {
          declaresApplication: !declaredApplications.has(where),
        });
        declaredApplications.add(where);
      } else {
        deployment = ecsDeploymentSettings(spec.deploymentConfiguration);
      }
      return {
        name: env.name,
        stackName: `${name}-${env.name}`,
        account: env.accountId,
        region: env.region,
        cluster: env.cluster,
        subnets: env.subnets,
        securityGroups: env.securityGroups,
        assignPublicIp: env.assignPublicIp,
        image: spec.image,
        roles: {
          execution: env.executionRoleArn,
          ...(env.taskRoleArn ? { task: env.taskRoleArn } : {}),
          ecsInfrastructure: env.ecsInfrastructureRoleArn,
          pipeline: env.pipelineRoleArn,
        },
        artifactBucket: env.artifactBucket,
        names: {
          service: names.service,
          taskFamily: names.taskFamily,
          logGroup: names.logGroup,
          loadBalancer: names.loadBalancer,
          blueTargetGroup: names.blueTargetGroup,
          greenTargetGroup: names.greenTargetGroup,
          pipeline: names.pipeline,
        },
        ...(spec.routing === 'own'
          ? {
              loadBalancer: {
                productionPort: spec.listenerPorts.production,
                ...(spec.blueGreen
                  ? { testPort: spec.listenerPorts.test }
                  : {}),
              },
            }
          : {}),
        deployment,
        deployFiles: {
          taskDefinition: `${dir}/taskdef.json`,
          appSpec: `${dir}/appspec.yaml`,
          imageDefinitions: `${dir}/imagedefinitions.json`,
        },
        manualApproval: options.manualApproval.includes(env.name),
      };
    },
  );

  return {
    name,
    // Shared by the environments; each environment's stack adds its own tag.
    tags: tagRecord(
      serviceTags(opts.owner, '', opts.tagKeys).filter(
        t => t.Key !== opts.tagKeys.environmentKey,
      ),
    ),
    environmentTagKey: opts.tagKeys.environmentKey,
    containerPort: opts.containerPort,
    cpu: Number(opts.size.cpu),
    memoryMiB: Number(opts.size.memory),
    healthCheckPath: options.healthCheckPath,
    desiredCount: options.desiredCount,
    registry: {
      stackName: `${name}-registry`,
      account: registry.accountId,
      region: registry.region,
      repositoryName: ecrRepositoryName(name),
    },
    infraRepository: {
      connectionArn,
      owner: repoOwner,
      repo,
      branch: settings.infraRepository.branch,
    },
    environments,
  };
}

function codeDeploySettings(
  spec: ServiceSpec,
  options: CdkDeploymentOptions,
  hold: boolean,
  extra: { declaresApplication: boolean },
): CdkCodeDeploySettings {
  const codeDeploy = codeDeploySpec(spec, {
    trafficShift: options.trafficShift as TrafficShift,
    waitForApproval: hold,
    readyWaitMinutes: HOLD_MINUTES,
    terminationWaitMinutes: options.terminationWaitMinutes,
    alarms: options.alarms,
    autoRollback: options.autoRollback,
  });
  return {
    controller: 'CODE_DEPLOY',
    application: spec.names.application,
    declaresApplication: extra.declaresApplication,
    deploymentGroup: spec.names.deploymentGroup,
    serviceRoleArn: codeDeploy.serviceRoleArn,
    deploymentConfig: codeDeploy.shift.custom
      ? customShift(codeDeploy.shift.custom)
      : { name: codeDeploy.shift.name },
    ...(codeDeploy.waitForApproval
      ? { readyWaitMinutes: codeDeploy.readyWaitMinutes }
      : {}),
    terminationWaitMinutes: codeDeploy.terminationWaitMinutes,
    alarms: codeDeploy.alarms,
    autoRollback: codeDeploy.autoRollback,
  };
}

function customShift(
  routing: TrafficRoutingConfig,
): CdkCodeDeploySettings['deploymentConfig'] {
  if (routing.timeBasedCanary) {
    return {
      canary: {
        percentage: routing.timeBasedCanary.canaryPercentage!,
        intervalMinutes: routing.timeBasedCanary.canaryInterval!,
      },
    };
  }
  return {
    linear: {
      percentage: routing.timeBasedLinear!.linearPercentage!,
      intervalMinutes: routing.timeBasedLinear!.linearInterval!,
    },
  };
}

function ecsDeploymentSettings(
  config: DeploymentConfiguration | undefined,
): CdkEcsDeploymentSettings {
  const hold = config?.lifecycleHooks?.find(h => h.targetType === 'PAUSE');
  return {
    controller: 'ECS',
    strategy: (config?.strategy ??
      'ROLLING') as CdkEcsDeploymentSettings['strategy'],
    minHealthyPercent: config?.minimumHealthyPercent,
    maxHealthyPercent: config?.maximumPercent,
    bakeTimeMinutes: config?.bakeTimeInMinutes,
    ...(config?.canaryConfiguration
      ? {
          canary: {
            percent: config.canaryConfiguration.canaryPercent!,
            bakeTimeMinutes:
              config.canaryConfiguration.canaryBakeTimeInMinutes!,
          },
        }
      : {}),
    ...(config?.linearConfiguration
      ? {
          linear: {
            stepPercent: config.linearConfiguration.stepPercent!,
            stepBakeTimeMinutes:
              config.linearConfiguration.stepBakeTimeInMinutes!,
          },
        }
      : {}),
    ...(hold?.timeoutConfiguration?.timeoutInMinutes
      ? {
          holdBeforeTraffic: {
            timeoutMinutes: hold.timeoutConfiguration.timeoutInMinutes,
          },
        }
      : {}),
  };
}

import type { TrafficRoutingConfig } from '@aws-sdk/client-codedeploy';
import {
  codeDeployApplicationArn,
  codeDeployDeploymentGroupArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import type { EcsDeployTagKeys } from '@ecs-deploy/plugin-ecs-deploy-node';
import { notOurs, standingOf } from '../authz/adoption';
import { resolveDeploymentConfig, TrafficShift } from './deploymentConfig';
import type { CodeDeploySite } from '../inspect/codeDeploySite';
import { planService } from './servicePlan';
import type { ServiceLayout } from './serviceSpec';

/**
 * The CodeDeploy application and blue/green deployment group of a
 * CODE_DEPLOY service in one environment.
 *
 * @public
 */
export interface CodeDeploySpec {
  layout: ServiceLayout;
  arns: { application: string; deploymentGroup: string };
  shift: { name: string; custom?: TrafficRoutingConfig };
  waitForApproval: boolean;
  readyWaitMinutes: number;
  terminationWaitMinutes: number;
  alarms: string[];
  autoRollback: boolean;
  serviceRoleArn: string;
}

/** The deployment group's behaviour, as `ecs:codedeploy:create` takes it. */
export interface CodeDeployOptions {
  deploymentConfigName?: string;
  trafficShift: TrafficShift;
  waitForApproval: boolean;
  readyWaitMinutes: number;
  terminationWaitMinutes: number;
  alarms: string[];
  autoRollback: boolean;
}

/** @public */
export function codeDeploySpec(
  layout: ServiceLayout,
  options: CodeDeployOptions,
): CodeDeploySpec {
  const { env, names } = layout;
  const app = { ...env, application: names.application };
  return {
    layout,
    arns: {
      application: codeDeployApplicationArn(app),
      deploymentGroup: codeDeployDeploymentGroupArn({
        ...app,
        deploymentGroup: names.deploymentGroup,
      }),
    },
    shift: resolveDeploymentConfig(
      options.deploymentConfigName,
      options.trafficShift,
    ),
    waitForApproval: options.waitForApproval,
    readyWaitMinutes: options.readyWaitMinutes,
    terminationWaitMinutes: options.terminationWaitMinutes,
    alarms: options.alarms,
    autoRollback: options.autoRollback,
    serviceRoleArn: env.codeDeployRoleArn,
  };
}

/**
 * What `ecs:codedeploy:create` would do: `missing` are the service's own
 * resources that an earlier step creates (an error outside a dry run),
 * `conflicts` refuse the run, `create` is what this step adds.
 *
 * @public
 */
export interface CodeDeployPlan {
  missing: string[];
  conflicts: string[];
  create: string[];
}

/** @public */
export function planCodeDeploy(
  spec: CodeDeploySpec,
  site: CodeDeploySite,
  keys: EcsDeployTagKeys,
): CodeDeployPlan {
  const { layout, shift } = spec;
  const { names, env, entityRef } = layout;
  const where = `${env.accountId}/${env.region}`;
  const service = planService(layout, site.service, keys);
  const conflicts = [...service.conflicts];
  const create: string[] = [];

  if (!site.config) {
    if (shift.custom) create.push(`deployment config ${shift.name}`);
    else
      conflicts.push(
        `deploymentConfigName: no deployment config '${shift.name}' in ${where}`,
      );
  } else if (
    site.config.computePlatform &&
    site.config.computePlatform !== 'ECS'
  ) {
    conflicts.push(
      `deploymentConfigName: '${shift.name}' is not an ECS deployment config`,
    );
  } else if (
    shift.custom &&
    !sameRouting(site.config.trafficRoutingConfig, shift.custom)
  ) {
    // Configs are account-wide and untagged: reuse one only if it shifts
    // traffic exactly as asked.
    conflicts.push(
      `trafficShift: deployment config '${shift.name}' exists in ${where} with another traffic routing`,
    );
  }

  const application = standingOf(site.application, layout.owner, keys);
  if (application === 'foreign') {
    conflicts.push(
      notOurs(
        'name',
        `CodeDeploy application '${names.application}' (${where})`,
        entityRef,
        keys,
      ),
    );
  } else if (application === 'absent') {
    create.push(`CodeDeploy application ${names.application}`);
  } else if (site.application!.value.computePlatform !== 'ECS') {
    conflicts.push(
      `name: CodeDeploy application '${names.application}' is for ${
        site.application!.value.computePlatform
      }, not ECS`,
    );
  }

  const group = standingOf(site.group, layout.owner, keys);
  if (group === 'foreign') {
    conflicts.push(
      notOurs(
        'name',
        `deployment group '${names.deploymentGroup}' (${where})`,
        entityRef,
        keys,
      ),
    );
  } else if (group === 'absent') {
    create.push(`deployment group ${names.deploymentGroup}`);
  } else {
    const target = site.group!.value.ecsServices?.[0];
    if (
      target &&
      (target.serviceName !== names.service ||
        target.clusterName !== env.cluster)
    ) {
      conflicts.push(
        `name: deployment group '${names.deploymentGroup}' deploys ${target.clusterName}/${target.serviceName}, not ${env.cluster}/${names.service}`,
      );
    }
  }
  return { missing: service.create, conflicts, create };
}

function sameRouting(
  a: TrafficRoutingConfig | undefined,
  b: TrafficRoutingConfig,
): boolean {
  const shape = (r: TrafficRoutingConfig | undefined) =>
    JSON.stringify([
      r?.type,
      r?.timeBasedCanary?.canaryPercentage,
      r?.timeBasedCanary?.canaryInterval,
      r?.timeBasedLinear?.linearPercentage,
      r?.timeBasedLinear?.linearInterval,
    ]);
  return shape(a) === shape(b);
}

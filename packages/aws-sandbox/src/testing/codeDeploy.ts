import type { BlueGreenAlb } from './blueGreenAlb';
import type { FleetCaller } from './fleetCaller';
import type { ResourceTag } from './tags';
import { ecsAppSpec } from './taskDefinition';

/** @public */
export interface CodeDeployGroupSpec {
  applicationName: string;
  deploymentGroupName: string;
  /** The CODE_DEPLOY service it deploys. */
  cluster: string;
  serviceName: string;
  alb: BlueGreenAlb;
  serviceRoleArn: string;
  deploymentConfigName: string;
  /**
   * Minutes a deployment waits at Ready for a person (STOP_DEPLOYMENT);
   * without it, traffic moves at once (CONTINUE_DEPLOYMENT).
   */
  readyWaitMinutes?: number;
  /** How long the original task set stays after the shift. */
  terminationWaitMinutes: number;
  /** CloudWatch alarms that stop and roll back a deployment. */
  alarms?: string[];
  /** For the application and the group (the group carries ownership). */
  tags?: ResourceTag[];
}

/**
 * A CodeDeploy application and a blue/green deployment group for an ECS
 * service, rolling back on failure, on request and on its alarms.
 *
 * @public
 */
export async function createCodeDeployGroup(
  caller: FleetCaller,
  spec: CodeDeployGroupSpec,
): Promise<void> {
  const tags = spec.tags?.length ? { tags: spec.tags } : {};
  const alarms = spec.alarms ?? [];
  await caller.call('codedeploy', 'CreateApplication', {
    applicationName: spec.applicationName,
    computePlatform: 'ECS',
    ...tags,
  });
  await caller.call('codedeploy', 'CreateDeploymentGroup', {
    applicationName: spec.applicationName,
    deploymentGroupName: spec.deploymentGroupName,
    serviceRoleArn: spec.serviceRoleArn,
    deploymentConfigName: spec.deploymentConfigName,
    deploymentStyle: {
      deploymentType: 'BLUE_GREEN',
      deploymentOption: 'WITH_TRAFFIC_CONTROL',
    },
    ecsServices: [{ clusterName: spec.cluster, serviceName: spec.serviceName }],
    loadBalancerInfo: {
      targetGroupPairInfoList: [
        {
          targetGroups: [
            { name: spec.alb.targetGroupNames.blue },
            { name: spec.alb.targetGroupNames.green },
          ],
          prodTrafficRoute: { listenerArns: [spec.alb.production] },
          testTrafficRoute: { listenerArns: [spec.alb.test] },
        },
      ],
    },
    blueGreenDeploymentConfiguration: {
      deploymentReadyOption:
        spec.readyWaitMinutes === undefined
          ? { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 }
          : {
              actionOnTimeout: 'STOP_DEPLOYMENT',
              waitTimeInMinutes: spec.readyWaitMinutes,
            },
      terminateBlueInstancesOnDeploymentSuccess: {
        action: 'TERMINATE',
        terminationWaitTimeInMinutes: spec.terminationWaitMinutes,
      },
    },
    autoRollbackConfiguration: {
      enabled: true,
      events: [
        'DEPLOYMENT_FAILURE',
        ...(alarms.length ? (['DEPLOYMENT_STOP_ON_ALARM'] as const) : []),
        'DEPLOYMENT_STOP_ON_REQUEST',
      ],
    },
    ...(alarms.length
      ? {
          alarmConfiguration: {
            enabled: true,
            ignorePollAlarmFailure: false,
            alarms: alarms.map(name => ({ name })),
          },
        }
      : {}),
    ...tags,
  });
}

/**
 * Starts a deployment of `taskDefinition` through a group, with an appspec
 * naming the container and port; returns the deployment id.
 *
 * @public
 */
export async function startCodeDeployDeployment(
  caller: FleetCaller,
  spec: {
    applicationName: string;
    deploymentGroupName: string;
    taskDefinition: string;
    containerName?: string;
    containerPort?: number;
  },
): Promise<string> {
  const { deploymentId } = await caller.call('codedeploy', 'CreateDeployment', {
    applicationName: spec.applicationName,
    deploymentGroupName: spec.deploymentGroupName,
    revision: {
      revisionType: 'AppSpecContent',
      appSpecContent: { content: ecsAppSpec(spec) },
    },
  });
  return deploymentId!;
}

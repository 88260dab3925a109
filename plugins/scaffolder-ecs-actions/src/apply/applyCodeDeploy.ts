import type { AutoRollbackEvent } from '@aws-sdk/client-codedeploy';
import type { AwsClients, AwsTag } from '@ecs-deploy/plugin-ecs-deploy-node';
import {
  createApplication,
  createDeploymentConfig,
  createDeploymentGroup,
} from '../aws/codeDeploy';
import type { CodeDeploySite } from '../inspect/codeDeploySite';
import type { CodeDeploySpec } from '../plan/codeDeployPlan';
import { ApplyContext, ensure } from './ensure';

/**
 * Creates the deployment config (when custom and missing), the application
 * and the deployment group the plan found missing. Only called for a plan
 * without conflicts or missing dependencies.
 *
 * @public
 */
export async function applyCodeDeploy(
  apply: ApplyContext,
  clients: Pick<AwsClients, 'codeDeploy'>,
  spec: CodeDeploySpec,
  site: CodeDeploySite,
  /** The application is shared by the service's environments: entity tag only. */
  tags: { application: AwsTag[]; group: AwsTag[] },
): Promise<void> {
  const { codeDeploy } = clients;
  const { names, env } = spec.layout;
  const { custom } = spec.shift;
  if (custom) {
    await ensure(apply, {
      key: `config.${spec.shift.name}`,
      what: `deployment config ${spec.shift.name}`,
      existing: site.config ? spec.shift.name : undefined,
      create: async () => {
        await createDeploymentConfig(codeDeploy, spec.shift.name, custom);
        return spec.shift.name;
      },
    });
  }
  await ensure(apply, {
    key: 'application',
    what: `CodeDeploy application ${names.application}`,
    existing: site.application ? names.application : undefined,
    create: async () => {
      await createApplication(codeDeploy, names.application, tags.application);
      return names.application;
    },
  });
  const listeners = site.service.listeners;
  const rollbackEvents: AutoRollbackEvent[] = ['DEPLOYMENT_FAILURE'];
  if (spec.alarms.length) rollbackEvents.push('DEPLOYMENT_STOP_ON_ALARM');
  await ensure(apply, {
    key: 'group',
    what: `deployment group ${names.deploymentGroup}`,
    existing: site.group ? names.deploymentGroup : undefined,
    create: async () => {
      await createDeploymentGroup(codeDeploy, {
        applicationName: names.application,
        deploymentGroupName: names.deploymentGroup,
        deploymentConfigName: spec.shift.name,
        serviceRoleArn: spec.serviceRoleArn,
        deploymentStyle: {
          deploymentType: 'BLUE_GREEN',
          deploymentOption: 'WITH_TRAFFIC_CONTROL',
        },
        blueGreenDeploymentConfiguration: {
          deploymentReadyOption: spec.waitForApproval
            ? {
                actionOnTimeout: 'STOP_DEPLOYMENT',
                waitTimeInMinutes: spec.readyWaitMinutes,
              }
            : { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 },
          terminateBlueInstancesOnDeploymentSuccess: {
            action: 'TERMINATE',
            terminationWaitTimeInMinutes: spec.terminationWaitMinutes,
          },
        },
        ecsServices: [{ clusterName: env.cluster, serviceName: names.service }],
        loadBalancerInfo: {
          targetGroupPairInfoList: [
            {
              targetGroups: [
                { name: names.blueTargetGroup },
                { name: names.greenTargetGroup },
              ],
              prodTrafficRoute: {
                listenerArns: [listeners.production!.value.ListenerArn!],
              },
              testTrafficRoute: {
                listenerArns: [listeners.test!.value.ListenerArn!],
              },
            },
          ],
        },
        alarmConfiguration: {
          enabled: spec.alarms.length > 0,
          alarms: spec.alarms.map(name => ({ name })),
        },
        autoRollbackConfiguration: {
          enabled: spec.autoRollback,
          events: rollbackEvents,
        },
        tags: tags.group,
      });
      return names.deploymentGroup;
    },
  });
}

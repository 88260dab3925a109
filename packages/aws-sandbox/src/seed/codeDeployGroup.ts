import type { SeedContext } from '../core/types';
import type { FleetService } from './catalog';
import { awsTags, type CreatedService, type Placement } from './infrastructure';
import { clusterName, codeDeployNames, targetGroupName } from './names';

/** Termination wait of the original task set, per environment (minutes). @public */
export const TERMINATION_WAIT: Record<string, number> = {
  dev: 5,
  staging: 60,
  prod: 60,
};

/** @public */
export async function createCodeDeployGroup(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
  lb: Omit<CreatedService, 'serviceArn'>,
): Promise<{ applicationName: string; deploymentGroupName: string }> {
  if (service.controller.kind !== 'CODE_DEPLOY')
    throw new Error('not a CODE_DEPLOY service');
  const where = { accountId: at.accountId, region: at.region };
  const names = codeDeployNames(service.name, at.env);
  const tags = awsTags(service, at.env);
  await ctx.invoke(
    'codedeploy',
    'CreateApplication',
    { applicationName: names.applicationName, computePlatform: 'ECS', tags },
    where,
  );
  const readyWait = service.readyWaitEnvs.includes(at.env);
  await ctx.invoke(
    'codedeploy',
    'CreateDeploymentGroup',
    {
      ...names,
      serviceRoleArn: `arn:aws:iam::${at.accountId}:role/CodeDeployServiceRoleForECS`,
      deploymentConfigName: service.controller.deploymentConfigName,
      deploymentStyle: {
        deploymentType: 'BLUE_GREEN',
        deploymentOption: 'WITH_TRAFFIC_CONTROL',
      },
      ecsServices: [
        { clusterName: clusterName(at.env), serviceName: service.name },
      ],
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [
              { name: targetGroupName(service.name, at.env, 'blue') },
              { name: targetGroupName(service.name, at.env, 'green') },
            ],
            prodTrafficRoute: { listenerArns: [lb.prodListenerArn] },
            testTrafficRoute: { listenerArns: [lb.testListenerArn] },
          },
        ],
      },
      blueGreenDeploymentConfiguration: {
        deploymentReadyOption: readyWait
          ? { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 2880 }
          : { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 },
        terminateBlueInstancesOnDeploymentSuccess: {
          action: 'TERMINATE',
          terminationWaitTimeInMinutes: TERMINATION_WAIT[at.env] ?? 5,
        },
      },
      autoRollbackConfiguration: {
        enabled: true,
        events: [
          'DEPLOYMENT_FAILURE',
          'DEPLOYMENT_STOP_ON_ALARM',
          'DEPLOYMENT_STOP_ON_REQUEST',
        ],
      },
      alarmConfiguration: {
        enabled: true,
        ignorePollAlarmFailure: false,
        alarms: [{ name: `${service.name}-${at.env}-5xx` }],
      },
      tags,
    },
    where,
  );
  return names;
}

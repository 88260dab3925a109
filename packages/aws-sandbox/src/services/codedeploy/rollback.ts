import { parseAppSpec } from './appspec';
import type { DeploymentRecord } from './model';
import { ROLLBACK_MS } from './timing';

/**
 * The deployment CodeDeploy creates to roll `d` back (creator
 * `codeDeployRollback`, the previous revision), linked both ways through
 * `rollbackInfo`. Traffic is already back on the original when it starts; it
 * finishes after ROLLBACK_MS.
 */
export function rollbackOf(
  d: DeploymentRecord,
  deploymentId: string,
  at: number,
  reason: string,
): DeploymentRecord {
  const appSpecContent = d.previousAppSpecContent ?? d.appSpecContent;
  d.rollbackInfo = {
    rollbackDeploymentId: deploymentId,
    rollbackMessage: `${reason}. The deployment was rolled back by deployment ${deploymentId}.`,
  };
  return {
    accountId: d.accountId,
    region: d.region,
    deploymentId,
    applicationName: d.applicationName,
    deploymentGroupName: d.deploymentGroupName,
    deploymentConfigName: d.deploymentConfigName,
    status: 'InProgress',
    creator: 'codeDeployRollback',
    description: `Rollback of ${d.deploymentId}`,
    createTime: at,
    startTime: at,
    appSpecContent,
    taskDefinition: parseAppSpec(appSpecContent ?? '').taskDefinition,
    clusterName: d.clusterName,
    serviceName: d.serviceName,
    blueTargetGroup: d.blueTargetGroup,
    greenTargetGroup: d.greenTargetGroup,
    blueTaskSetArn: d.blueTaskSetArn,
    trafficWeight: 0,
    testTrafficWeight: 0,
    rollbackInfo: {
      rollbackTriggeringDeploymentId: d.deploymentId,
      rollbackMessage: `Rollback deployment for ${d.deploymentId}: ${reason}`,
    },
    phase: 'rollback',
    nextAt: at + ROLLBACK_MS,
  };
}

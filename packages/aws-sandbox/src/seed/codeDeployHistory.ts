import type { CodeDeployStore } from '../services/codedeploy/CodeDeployStore';
import { ecsAppSpec } from '../testing/taskDefinition';
import { shiftMinutes } from '../services/codedeploy/configs';
import {
  approvalEndsAt,
  MINUTE,
  recordStoppedTasks,
  type DeployResult,
  type HistoryTarget,
} from './historyTarget';
import type { PlannedDeployment } from './plan';

const appSpecs = new WeakMap<HistoryTarget, Map<string, string>>();

/** Deployments of the same revision share one appspec string (big fleets). */
function cachedAppSpec(target: HistoryTarget, revision: number): string {
  const cd = target.codeDeploy!;
  const arn = target.taskDefinitionArn(revision);
  let cache = appSpecs.get(target);
  if (!cache) {
    cache = new Map();
    appSpecs.set(target, cache);
  }
  let spec = cache.get(arn);
  if (!spec) {
    spec = ecsAppSpec({
      taskDefinition: arn,
      containerName: cd.containerName,
      containerPort: cd.containerPort,
    });
    cache.set(arn, spec);
  }
  return spec;
}

/** A past CodeDeploy deployment (and its rollback deployment when it failed or was stopped). */
export function importCodeDeploy(
  target: HistoryTarget,
  store: CodeDeployStore,
  plan: PlannedDeployment,
  previous: number | undefined,
): DeployResult | undefined {
  if (plan.outcome === 'rejected') return undefined;
  const cd = target.codeDeploy!;
  const createTime = approvalEndsAt(target, plan) + 5_000;
  const config = store.findConfig(target, cd.deploymentConfigName);
  const shift = shiftMinutes(config?.trafficRoutingConfig);
  const installed = createTime + 2 * MINUTE;
  let completeTime =
    installed + shift * MINUTE + cd.terminationWaitMinutes * MINUTE;
  const appSpec = (revision: number) => cachedAppSpec(target, revision);
  const base = {
    accountId: target.accountId,
    region: target.region,
    applicationName: cd.applicationName,
    deploymentGroupName: cd.deploymentGroupName,
    deploymentConfigName: cd.deploymentConfigName,
    creator: 'CodePipeline',
    description: `Deployment from pipeline ${
      target.pipeline?.name ?? ''
    }`.trim(),
    createTime,
    startTime: createTime + 2_000,
    appSpecContent: appSpec(plan.revision),
    previousAppSpecContent: previous ? appSpec(previous) : undefined,
    taskDefinition: target.taskDefinitionArn(plan.revision),
    clusterName: target.cluster,
    serviceName: target.service,
    blueTargetGroup: cd.blueTargetGroup,
    greenTargetGroup: cd.greenTargetGroup,
    testTrafficWeight: 0,
  };
  if (plan.outcome === 'success') {
    const d = store.importDeployment({
      ...base,
      status: 'Succeeded',
      completeTime,
      trafficWeight: 100,
      instanceTerminationWaitTimeStarted: true,
    });
    return {
      externalId: d.deploymentId,
      startedAt: createTime,
      endedAt: completeTime,
      ok: true,
    };
  }
  const failed = plan.outcome === 'failure';
  completeTime = failed
    ? installed + MINUTE
    : installed + Math.max(1, shift / 2) * MINUTE;
  const deploymentId = store.nextId();
  const rollbackId = store.nextId();
  const message = failed
    ? `The ECS service cannot reach a steady state: replacement tasks stopped (${
        plan.failure!.reason
      })`
    : 'The deployment was stopped by the user.';
  store.importDeployment({
    ...base,
    deploymentId,
    status: failed ? 'Failed' : 'Stopped',
    completeTime,
    trafficWeight: 0,
    errorInformation: failed
      ? {
          code:
            plan.failure!.event === 'Install'
              ? 'ECS_UPDATE_ERROR'
              : 'HOOK_EXECUTION_FAILURE',
          message,
        }
      : { code: 'MANUAL_STOP', message },
    failure: plan.failure,
    failedTaskExitCode: plan.failure?.exitCode,
    rollbackInfo: {
      rollbackDeploymentId: rollbackId,
      rollbackMessage: `${
        failed ? 'Deployment failed' : `Deployment stopped by ${plan.person}`
      }. The deployment was rolled back by deployment ${rollbackId}.`,
    },
  });
  store.importDeployment({
    ...base,
    deploymentId: rollbackId,
    creator: 'codeDeployRollback',
    description: `Rollback of ${deploymentId}`,
    status: 'Succeeded',
    createTime: completeTime,
    startTime: completeTime,
    completeTime: completeTime + 30_000,
    appSpecContent: base.previousAppSpecContent ?? base.appSpecContent,
    previousAppSpecContent: undefined,
    trafficWeight: 0,
    rollbackInfo: {
      rollbackTriggeringDeploymentId: deploymentId,
      rollbackMessage: `Rollback deployment for ${deploymentId}`,
    },
  });
  if (failed) recordStoppedTasks(target, plan, installed, deploymentId);
  return {
    externalId: deploymentId,
    startedAt: createTime,
    endedAt: completeTime,
    ok: false,
    message,
  };
}

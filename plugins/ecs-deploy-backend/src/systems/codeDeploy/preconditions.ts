import { DeploymentInfo } from '@aws-sdk/client-codedeploy';
import { DeploymentActionName } from '../DeploymentSystem';

/*
 * When CodeDeploy takes each action, as one predicate per action: the action
 * checks it on the deployment read now (409 with its reason), the history
 * offers it from the deployment as last read.
 */

/** CodeDeploy statuses from which StopDeployment can still roll back. */
const STOPPABLE = new Set([
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Ready',
]);

function describeState(info: DeploymentInfo): string {
  const parts = [`it is ${info.status ?? 'in an unknown state'}`];
  if (info.instanceTerminationWaitTimeStarted) {
    parts.push('waiting to terminate the original task set');
  }
  return parts.join(', ');
}

/** Why CodeDeploy would refuse the action on the deployment now; undefined when it would take it. */
export function codeDeployRefusal(
  action: DeploymentActionName,
  info: DeploymentInfo,
): string | undefined {
  const id = info.deploymentId;
  switch (action) {
    case 'continue':
      return info.status === 'Ready'
        ? undefined
        : `Deployment ${id} is not waiting for traffic rerouting: ${describeState(
            info,
          )}`;
    case 'finish-early':
      return info.status === 'InProgress' &&
        info.instanceTerminationWaitTimeStarted
        ? undefined
        : `Deployment ${id} is not waiting to terminate the original task set: ${describeState(
            info,
          )}`;
    default:
      return STOPPABLE.has(info.status ?? '')
        ? undefined
        : `Deployment ${id} cannot be stopped: ${describeState(info)}`;
  }
}

/** Where each action leaves a deployment once CodeDeploy has taken it. */
export const TAKEN: Record<
  DeploymentActionName,
  (info: DeploymentInfo) => boolean
> = {
  // Rerouting started: no longer Ready, and not stopped instead.
  continue: info =>
    ['InProgress', 'Baking', 'Succeeded'].includes(info.status ?? ''),
  // The original task set was terminated: the deployment ended.
  'finish-early': info => info.status === 'Succeeded',
  rollback: info => info.status === 'Stopped',
};

import { AwsError } from '../../../core/AwsError';
import type { OperationHandler } from '../../../core/types';
import type { CodeDeployStore } from '../CodeDeployStore';
import type { DeploymentRecord } from '../model';
import { renderTarget, targetIdOf } from '../render';
import { deploymentOf } from './common';
import { need, optionalList } from './input';

/**
 * A deployment that has not started (Created or Queued) has no targets yet:
 * CodeDeploy answers every target operation with DeploymentNotStartedException.
 */
function started(d: DeploymentRecord): DeploymentRecord {
  if (d.status === 'Created' || d.status === 'Queued') {
    throw new AwsError(
      'DeploymentNotStartedException',
      `The deployment ${d.deploymentId} has not started`,
    );
  }
  return d;
}

/** Deployment targets (one ECS target per deployment). */
export function targetOperations(
  store: CodeDeployStore,
): Record<string, OperationHandler> {
  return {
    ListDeploymentTargets(input) {
      const d = started(deploymentOf(store, input));
      return { targetIds: [targetIdOf(d)] };
    },
    GetDeploymentTarget(input, ctx) {
      const d = started(deploymentOf(store, input));
      const targetId = need(
        input,
        'targetId',
        'DeploymentTargetIdRequiredException',
      );
      if (targetId !== targetIdOf(d)) {
        throw new AwsError(
          'DeploymentTargetDoesNotExistException',
          `The target ${targetId} does not exist in deployment ${d.deploymentId}`,
        );
      }
      return { deploymentTarget: renderTarget(d, ctx.world) };
    },
    BatchGetDeploymentTargets(input, ctx) {
      const d = started(deploymentOf(store, input));
      const ids = optionalList<string>(input, 'targetIds');
      if (!ids?.length) {
        throw new AwsError(
          'DeploymentTargetIdRequiredException',
          'targetIds is required',
        );
      }
      if (ids.length > 25) {
        throw new AwsError(
          'DeploymentTargetListSizeExceededException',
          'The maximum number of targets that can be associated with an Amazon ECS deployment was exceeded.',
        );
      }
      return {
        deploymentTargets: ids.map(id => {
          if (id !== targetIdOf(d)) {
            throw new AwsError(
              'DeploymentTargetDoesNotExistException',
              `The target ${id} does not exist in deployment ${d.deploymentId}`,
            );
          }
          return renderTarget(d, ctx.world);
        }),
      };
    },
  };
}

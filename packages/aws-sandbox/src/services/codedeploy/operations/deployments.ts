import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import { paginate } from '../../../core/pagination';
import type { OperationHandler } from '../../../core/types';
import type { CodeDeployStore } from '../CodeDeployStore';
import type { DeploymentStatus } from '../model';
import { renderDeployment } from '../render';
import { deploymentOf, STATUSES } from './common';
import { epochMs, need, optionalList } from './input';

/** Deployments: create, read, list, continue, stop. */
export function deploymentOperations(
  store: CodeDeployStore,
): Record<string, OperationHandler> {
  return {
    CreateDeployment(input, ctx) {
      const app = need(
        input,
        'applicationName',
        'ApplicationNameRequiredException',
      );
      const groupName = need(
        input,
        'deploymentGroupName',
        'DeploymentGroupNameRequiredException',
      );
      const revision = input.revision;
      if (!revision) {
        throw new AwsError(
          'RevisionRequiredException',
          'A revision is required',
        );
      }
      const content =
        revision.appSpecContent?.content ?? revision.string?.content;
      if (
        !['AppSpecContent', 'String'].includes(revision.revisionType) ||
        typeof content !== 'string'
      ) {
        throw new AwsError(
          'InvalidRevisionException',
          'An ECS deployment needs an AppSpecContent (or String) revision with content',
        );
      }
      if (
        typeof input.description === 'string' &&
        input.description.length > 100
      ) {
        throw new AwsError(
          'DescriptionTooLongException',
          'The description is too long',
        );
      }
      const d = store.startDeployment(
        {
          ...callerScope(ctx),
          applicationName: app,
          deploymentGroupName: groupName,
        },
        {
          appSpecContent: content,
          description: input.description,
          creator: 'user',
          deploymentConfigName: input.deploymentConfigName,
          autoRollbackConfiguration: input.autoRollbackConfiguration,
        },
      );
      return { deploymentId: d.deploymentId };
    },
    GetDeployment(input) {
      return {
        deploymentInfo: renderDeployment(deploymentOf(store, input), store),
      };
    },
    BatchGetDeployments(input) {
      const ids = optionalList<string>(input, 'deploymentIds');
      if (!ids) {
        throw new AwsError(
          'DeploymentIdRequiredException',
          'deploymentIds is required',
        );
      }
      if (ids.length > 25) {
        throw new AwsError(
          'BatchLimitExceededException',
          'The maximum number of names or IDs allowed for this request (25) was exceeded.',
        );
      }
      return {
        deploymentsInfo: ids
          .map(id => store.findDeployment(id))
          .filter(d => d !== undefined)
          .map(d => renderDeployment(d!, store)),
      };
    },
    ListDeployments(input, ctx) {
      const app: string | undefined = input.applicationName;
      const groupName: string | undefined = input.deploymentGroupName;
      if (groupName && !app) {
        throw new AwsError(
          'ApplicationNameRequiredException',
          'applicationName is required when deploymentGroupName is given',
        );
      }
      if (app && !groupName) {
        throw new AwsError(
          'DeploymentGroupNameRequiredException',
          'deploymentGroupName is required when applicationName is given',
        );
      }
      const statuses = optionalList<string>(input, 'includeOnlyStatuses');
      for (const s of statuses ?? []) {
        if (!STATUSES.includes(s as DeploymentStatus)) {
          throw new AwsError(
            'InvalidDeploymentStatusException',
            `The deployment status ${s} is not valid`,
          );
        }
      }
      const start = epochMs(input.createTimeRange?.start);
      const end = epochMs(input.createTimeRange?.end);
      if (start !== undefined && end !== undefined && start > end) {
        throw new AwsError(
          'InvalidTimeRangeException',
          'The time range is invalid',
        );
      }
      const group =
        app && groupName
          ? store.getDeploymentGroup(callerScope(ctx), app, groupName)
          : undefined;
      const ids = store.listDeploymentIds(
        callerScope(ctx),
        group,
        d =>
          (!statuses?.length || statuses.includes(d.status)) &&
          (start === undefined || d.createTime >= start) &&
          (end === undefined || d.createTime <= end),
      );
      const { page, nextToken } = paginate(ids, {
        nextToken: input.nextToken,
        defaultMaxResults: 100,
        invalidTokenCode: 'InvalidNextTokenException',
      });
      return { deployments: page, nextToken };
    },
    ContinueDeployment(input) {
      const id = need(input, 'deploymentId', 'DeploymentIdRequiredException');
      const waitType = input.deploymentWaitType ?? 'READY_WAIT';
      if (!['READY_WAIT', 'TERMINATION_WAIT'].includes(waitType)) {
        throw new AwsError(
          'InvalidDeploymentWaitTypeException',
          `The wait type ${waitType} is invalid`,
        );
      }
      store.continueDeployment(id, waitType);
      return {};
    },
    SkipWaitTimeForInstanceTermination(input) {
      const id = need(input, 'deploymentId', 'DeploymentIdRequiredException');
      store.continueDeployment(id, 'TERMINATION_WAIT');
      return {};
    },
    StopDeployment(input) {
      const id = need(input, 'deploymentId', 'DeploymentIdRequiredException');
      store.stopDeployment(id, input.autoRollbackEnabled ?? undefined);
      return {
        status: 'Succeeded',
        statusMessage: `Deployment ${id} has been stopped`,
      };
    },
  };
}

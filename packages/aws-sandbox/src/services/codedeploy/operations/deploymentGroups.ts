import { codeDeployGroupArn } from '../../../core/arns';
import { callerScope } from '../../../core/callerScope';
import { paginate } from '../../../core/pagination';
import type { OperationHandler } from '../../../core/types';
import type { CodeDeployStore } from '../CodeDeployStore';
import { renderGroup } from '../render';
import { groupFromInput } from './groupInput';
import { need, optionalList, codeDeployTagsInput } from './input';

/** Deployment groups. */
export function deploymentGroupOperations(
  store: CodeDeployStore,
): Record<string, OperationHandler> {
  return {
    CreateDeploymentGroup(input, ctx) {
      const group = groupFromInput(input, ctx, store);
      store.putDeploymentGroup(group, true);
      const tags = codeDeployTagsInput(input);
      if (tags.length) {
        ctx.world.tags.tag(
          codeDeployGroupArn(
            group,
            group.applicationName,
            group.deploymentGroupName,
          ),
          tags,
        );
      }
      return { deploymentGroupId: group.deploymentGroupId };
    },
    UpdateDeploymentGroup(input, ctx) {
      const app = need(
        input,
        'applicationName',
        'ApplicationNameRequiredException',
      );
      const current = need(
        input,
        'currentDeploymentGroupName',
        'DeploymentGroupNameRequiredException',
      );
      const existing = store.getDeploymentGroup(callerScope(ctx), app, current);
      const merged = groupFromInput(
        {
          ...renderGroup(existing, store),
          ...Object.fromEntries(
            Object.entries(input).filter(
              ([, v]) => v !== undefined && v !== null,
            ),
          ),
          deploymentGroupName: current,
        },
        ctx,
        store,
        existing,
      );
      Object.assign(existing, merged);
      if (
        input.newDeploymentGroupName &&
        input.newDeploymentGroupName !== current
      ) {
        store.renameDeploymentGroup(existing, input.newDeploymentGroupName);
      }
      return { hooksNotCleanedUp: [] };
    },
    GetDeploymentGroup(input, ctx) {
      const app = need(
        input,
        'applicationName',
        'ApplicationNameRequiredException',
      );
      const name = need(
        input,
        'deploymentGroupName',
        'DeploymentGroupNameRequiredException',
      );
      return {
        deploymentGroupInfo: renderGroup(
          store.getDeploymentGroup(callerScope(ctx), app, name),
          store,
        ),
      };
    },
    BatchGetDeploymentGroups(input, ctx) {
      const app = need(
        input,
        'applicationName',
        'ApplicationNameRequiredException',
      );
      const names = optionalList<string>(input, 'deploymentGroupNames') ?? [];
      return {
        deploymentGroupsInfo: names.map(n =>
          renderGroup(
            store.getDeploymentGroup(callerScope(ctx), app, n),
            store,
          ),
        ),
      };
    },
    ListDeploymentGroups(input, ctx) {
      const app = need(
        input,
        'applicationName',
        'ApplicationNameRequiredException',
      );
      const { page, nextToken } = paginate(
        store.listDeploymentGroups(callerScope(ctx), app),
        {
          nextToken: input.nextToken,
          defaultMaxResults: 100,
          invalidTokenCode: 'InvalidNextTokenException',
        },
      );
      return { applicationName: app, deploymentGroups: page, nextToken };
    },
  };
}

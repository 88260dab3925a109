import { AwsError } from '../../core/AwsError';
import { paginate } from '../../core/pagination';
import type { OperationHandler, RequestContext } from '../../core/types';
import type { CodeDeployStore } from './CodeDeployStore';
import { groupFromInput } from './groupInput';
import {
  renderApplication,
  renderConfig,
  renderDeployment,
  renderGroup,
  renderTarget,
  targetIdOf,
} from './render';
import { validateRouting } from './routingConfig';
import type { DeploymentStatus } from './types';
import { epochMs, need, optionalList, tagsOf } from './validate';
import { uuidFor } from './ids';

const STATUSES: DeploymentStatus[] = [
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Ready',
  'Succeeded',
  'Failed',
  'Stopped',
];

const where = (ctx: RequestContext) => ({
  accountId: ctx.accountId,
  region: ctx.region,
});

/**
 * The CodeDeploy operations the sandbox serves, keyed by operation name.
 *
 * @public
 */
export function codeDeployOperations(
  store: CodeDeployStore,
): Record<string, OperationHandler> {
  const deploymentOf = (input: any) =>
    store.getDeployment(
      need(input, 'deploymentId', 'DeploymentIdRequiredException'),
    );

  const resolveArn = (arn: string) => {
    const match =
      /^arn:aws[\w-]*:codedeploy:([^:]+):(\d{12}):(application|deploymentgroup):(.+)$/.exec(
        arn,
      );
    if (!match) {
      throw new AwsError('InvalidArnException', `The ARN ${arn} is not valid`);
    }
    const [, region, accountId, kind, rest] = match;
    if (kind === 'application') {
      store.getApplication({ accountId, region }, rest);
    } else {
      const [app, group] = rest.split('/');
      store.getDeploymentGroup({ accountId, region }, app, group ?? '');
    }
    return arn;
  };

  return {
    CreateApplication(input, ctx) {
      const name = need(
        input,
        'applicationName',
        'ApplicationNameRequiredException',
      );
      const platform = input.computePlatform ?? 'Server';
      if (!['ECS', 'Lambda', 'Server'].includes(platform)) {
        throw new AwsError(
          'InvalidComputePlatformException',
          `The computePlatform ${platform} is not valid`,
        );
      }
      const app = store.createApplication(where(ctx), name, platform);
      const tags = tagsOf(input);
      if (tags.length) ctx.world.tags.tag(store.applicationArn(app), tags);
      return { applicationId: app.applicationId };
    },

    GetApplication(input, ctx) {
      const name = need(
        input,
        'applicationName',
        'ApplicationNameRequiredException',
      );
      return {
        application: renderApplication(store.getApplication(where(ctx), name)),
      };
    },

    BatchGetApplications(input, ctx) {
      const names = optionalList<string>(input, 'applicationNames') ?? [];
      return {
        applicationsInfo: names.map(n =>
          renderApplication(store.getApplication(where(ctx), n)),
        ),
      };
    },

    ListApplications(input, ctx) {
      const { page, nextToken } = paginate(store.listApplications(where(ctx)), {
        nextToken: input.nextToken,
        defaultMaxResults: 100,
        invalidTokenCode: 'InvalidNextTokenException',
      });
      return { applications: page, nextToken };
    },

    CreateDeploymentGroup(input, ctx) {
      const group = groupFromInput(input, ctx, store);
      store.putDeploymentGroup(group, true);
      const tags = tagsOf(input);
      if (tags.length) ctx.world.tags.tag(store.groupArn(group), tags);
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
      const existing = store.getDeploymentGroup(where(ctx), app, current);
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
          store.getDeploymentGroup(where(ctx), app, name),
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
          renderGroup(store.getDeploymentGroup(where(ctx), app, n), store),
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
        store.listDeploymentGroups(where(ctx), app),
        {
          nextToken: input.nextToken,
          defaultMaxResults: 100,
          invalidTokenCode: 'InvalidNextTokenException',
        },
      );
      return { applicationName: app, deploymentGroups: page, nextToken };
    },

    GetDeploymentConfig(input, ctx) {
      const name = need(
        input,
        'deploymentConfigName',
        'DeploymentConfigNameRequiredException',
      );
      return {
        deploymentConfigInfo: renderConfig(store.getConfig(where(ctx), name)),
      };
    },

    ListDeploymentConfigs(input, ctx) {
      const { page, nextToken } = paginate(store.listConfigs(where(ctx)), {
        nextToken: input.nextToken,
        defaultMaxResults: 100,
        invalidTokenCode: 'InvalidNextTokenException',
      });
      return { deploymentConfigsList: page, nextToken };
    },

    CreateDeploymentConfig(input, ctx) {
      const name = need(
        input,
        'deploymentConfigName',
        'DeploymentConfigNameRequiredException',
      );
      const routing = validateRouting(input.trafficRoutingConfig);
      const platform = input.computePlatform ?? 'Server';
      if (platform === 'ECS' && !routing) {
        throw new AwsError(
          'InvalidTrafficRoutingConfigurationException',
          'An ECS deployment configuration requires a trafficRoutingConfig',
        );
      }
      const id = uuidFor(
        'deploymentconfig',
        `${ctx.accountId}/${ctx.region}/${name}`,
      );
      store.createConfig({
        ...where(ctx),
        deploymentConfigId: id,
        deploymentConfigName: name,
        computePlatform: platform,
        trafficRoutingConfig: routing,
        minimumHealthyHosts: input.minimumHealthyHosts,
        createTime: ctx.world.clock.nowMs(),
      });
      return { deploymentConfigId: id };
    },

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
        { ...where(ctx), applicationName: app, deploymentGroupName: groupName },
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
      return { deploymentInfo: renderDeployment(deploymentOf(input), store) };
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
          ? store.getDeploymentGroup(where(ctx), app, groupName)
          : undefined;
      const ids = store.listDeploymentIds(
        where(ctx),
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

    ListDeploymentTargets(input) {
      const d = deploymentOf(input);
      if (d.status === 'Created') {
        throw new AwsError(
          'DeploymentNotStartedException',
          `The deployment ${d.deploymentId} has not started`,
        );
      }
      return { targetIds: [targetIdOf(d)] };
    },

    GetDeploymentTarget(input, ctx) {
      const d = deploymentOf(input);
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
      const d = deploymentOf(input);
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

    TagResource(input, ctx) {
      const arn = resolveArn(
        need(input, 'ResourceArn', 'ResourceArnRequiredException'),
      );
      const tags = tagsOf(input, 'Tags');
      if (!tags.length) {
        throw new AwsError('TagRequiredException', 'A tag was not specified');
      }
      ctx.world.tags.tag(arn, tags);
      return {};
    },

    UntagResource(input, ctx) {
      const arn = resolveArn(
        need(input, 'ResourceArn', 'ResourceArnRequiredException'),
      );
      ctx.world.tags.untag(arn, optionalList<string>(input, 'TagKeys') ?? []);
      return {};
    },

    ListTagsForResource(input, ctx) {
      const arn = resolveArn(
        need(input, 'ResourceArn', 'ResourceArnRequiredException'),
      );
      return {
        Tags: ctx.world.tags
          .list(arn)
          .map(t => ({ Key: t.key, Value: t.value })),
      };
    },
  };
}

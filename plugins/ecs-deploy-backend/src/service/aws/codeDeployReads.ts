import {
  BatchGetDeploymentGroupsCommand,
  BatchGetDeploymentTargetsCommand,
  BatchGetDeploymentsCommand,
  DeploymentGroupInfo,
  DeploymentInfo,
  DeploymentTarget,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  ListApplicationsCommand,
  ListDeploymentGroupsCommand,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
} from '@aws-sdk/client-codedeploy';
import {
  DeploymentTarget as MappedTarget,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { mapCodeDeployTarget } from '../mapping/codeDeployTarget';
import { DeploymentConfigState, DeploymentGroupState } from '../model';
import { callAws, collectPages, mapConcurrently } from './callAws';
import { chunk } from './ecsReads';
import { ReadContext } from './ReadContext';

export type Location = { accountId: string; region: string };
/** A CodeDeploy deployment group, by application and name. */
export type GroupRef = { application: string; deploymentGroup: string };

function mapGroup(info: DeploymentGroupInfo): DeploymentGroupState {
  const pair = info.loadBalancerInfo?.targetGroupPairInfoList?.[0];
  const bg = info.blueGreenDeploymentConfiguration;
  return {
    application: info.applicationName ?? '',
    deploymentGroup: info.deploymentGroupName ?? '',
    deploymentConfigName:
      info.deploymentConfigName ?? 'CodeDeployDefault.ECSAllAtOnce',
    ecsServices: (info.ecsServices ?? []).map(s => ({
      serviceName: s.serviceName ?? '',
      clusterName: s.clusterName ?? '',
    })),
    targetGroupNames: (pair?.targetGroups ?? [])
      .map(t => t.name)
      .filter((n): n is string => !!n),
    prodListenerArns: pair?.prodTrafficRoute?.listenerArns ?? [],
    testListenerArns: pair?.testTrafficRoute?.listenerArns ?? [],
    terminationWaitMinutes:
      bg?.terminateBlueInstancesOnDeploymentSuccess
        ?.terminationWaitTimeInMinutes,
    readyWaitAction: bg?.deploymentReadyOption?.actionOnTimeout,
    readyWaitMinutes: bg?.deploymentReadyOption?.waitTimeInMinutes,
  };
}

export async function getDeploymentGroup(
  ctx: ReadContext,
  location: Location,
  group: GroupRef,
): Promise<DeploymentGroupState> {
  return ctx.cache.get(
    `codedeploy:group:${location.accountId}:${location.region}:${group.application}/${group.deploymentGroup}`,
    async () => {
      const { codeDeploy } = await ctx.clients.forResource(location);
      const out = await callAws(
        () =>
          codeDeploy.send(
            new GetDeploymentGroupCommand({
              applicationName: group.application,
              deploymentGroupName: group.deploymentGroup,
            }),
          ),
        { resource: `${group.application}/${group.deploymentGroup}` },
      );
      return mapGroup(out.deploymentGroupInfo ?? {});
    },
    ctx.ttl.resolution,
  );
}

/**
 * The predefined configurations encode their routing in the name
 * (`CodeDeployDefault.ECSCanary10Percent5Minutes`), which saves a call.
 */
export function parseDefaultConfigName(
  name: string,
): DeploymentConfigState | undefined {
  const canary = /^CodeDeployDefault\.ECSCanary(\d+)Percent(\d+)Minutes?$/.exec(
    name,
  );
  if (canary) {
    return {
      name,
      type: 'TimeBasedCanary',
      percent: Number(canary[1]),
      intervalMinutes: Number(canary[2]),
    };
  }
  const linear =
    /^CodeDeployDefault\.ECSLinear(\d+)PercentEvery(\d+)Minutes?$/.exec(name);
  if (linear) {
    return {
      name,
      type: 'TimeBasedLinear',
      percent: Number(linear[1]),
      intervalMinutes: Number(linear[2]),
    };
  }
  if (name === 'CodeDeployDefault.ECSAllAtOnce') {
    return { name, type: 'AllAtOnce' };
  }
  return undefined;
}

export async function getDeploymentConfig(
  ctx: ReadContext,
  location: Location,
  name: string,
): Promise<DeploymentConfigState> {
  const known = parseDefaultConfigName(name);
  if (known) return known;
  return ctx.cache.get(
    `codedeploy:config:${location.accountId}:${location.region}:${name}`,
    async () => {
      const { codeDeploy } = await ctx.clients.forResource(location);
      const out = await callAws(
        () =>
          codeDeploy.send(
            new GetDeploymentConfigCommand({ deploymentConfigName: name }),
          ),
        { resource: name },
      );
      const routing = out.deploymentConfigInfo?.trafficRoutingConfig;
      if (routing?.type === 'TimeBasedCanary') {
        return {
          name,
          type: 'TimeBasedCanary' as const,
          percent: routing.timeBasedCanary?.canaryPercentage,
          intervalMinutes: routing.timeBasedCanary?.canaryInterval,
        };
      }
      if (routing?.type === 'TimeBasedLinear') {
        return {
          name,
          type: 'TimeBasedLinear' as const,
          percent: routing.timeBasedLinear?.linearPercentage,
          intervalMinutes: routing.timeBasedLinear?.linearInterval,
        };
      }
      return { name, type: 'AllAtOnce' as const };
    },
    ctx.ttl.finished,
  );
}

export async function listDeploymentIds(
  ctx: ReadContext,
  location: Location,
  group: GroupRef,
  token: string | undefined,
): Promise<{ ids: string[]; nextToken?: string }> {
  return ctx.cache.get(
    `codedeploy:deployments:${location.accountId}:${location.region}:${
      group.application
    }/${group.deploymentGroup}:${token ?? ''}`,
    async () => {
      const { codeDeploy } = await ctx.clients.forResource(location);
      const out = await callAws(
        () =>
          codeDeploy.send(
            new ListDeploymentsCommand({
              applicationName: group.application,
              deploymentGroupName: group.deploymentGroup,
              nextToken: token,
            }),
          ),
        { resource: `${group.application}/${group.deploymentGroup}` },
      );
      return {
        ids: out.deployments ?? [],
        ...(out.nextToken ? { nextToken: out.nextToken } : {}),
      };
    },
    ctx.ttl.list,
  );
}

export async function batchGetDeployments(
  ctx: ReadContext,
  location: Location,
  ids: string[],
): Promise<DeploymentInfo[]> {
  if (!ids.length) return [];
  const { codeDeploy } = await ctx.clients.forResource(location);
  const pages = await Promise.all(
    chunk(ids, 25).map(c =>
      callAws(
        () =>
          codeDeploy.send(new BatchGetDeploymentsCommand({ deploymentIds: c })),
        { resource: c.join(', ') },
      ),
    ),
  );
  return pages.flatMap(p => p.deploymentsInfo ?? []);
}

export async function getDeploymentTargets(
  ctx: ReadContext,
  location: Location,
  deploymentId: string,
): Promise<DeploymentTarget[]> {
  const { codeDeploy } = await ctx.clients.forResource(location);
  const list = await callAws(
    () => codeDeploy.send(new ListDeploymentTargetsCommand({ deploymentId })),
    { resource: deploymentId },
  );
  const ids = list.targetIds ?? [];
  if (!ids.length) return [];
  const out = await callAws(
    () =>
      codeDeploy.send(
        new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds: ids }),
      ),
    { resource: deploymentId },
  );
  return out.deploymentTargets ?? [];
}

/**
 * The mapped targets of a deployment, cached briefly while they move and
 * long once finished: shared by the Traffic view and the deployment detail.
 */
export async function deploymentTargets(
  ctx: ReadContext,
  location: Location,
  deploymentId: string,
): Promise<MappedTarget[]> {
  return ctx.cache.get(
    `codedeploy:targets:${location.accountId}:${deploymentId}`,
    async () =>
      (await getDeploymentTargets(ctx, location, deploymentId)).map(
        mapCodeDeployTarget,
      ),
    targets =>
      targets.length && !targets.some(t => isActiveStatus(t.status))
        ? ctx.ttl.finished
        : ctx.ttl.active,
  );
}

/** One application's ECS deployment groups, by `cluster/service`. */
async function ecsGroupsOfApplication(
  ctx: ReadContext,
  location: Location,
  application: string,
): Promise<Record<string, GroupRef>> {
  const { codeDeploy } = await ctx.clients.forResource(location);
  const groups = await collectPages(async nextToken => {
    const page = await callAws(
      () =>
        codeDeploy.send(
          new ListDeploymentGroupsCommand({
            applicationName: application,
            nextToken,
          }),
        ),
      { resource: application },
    );
    return { items: page.deploymentGroups ?? [], next: page.nextToken };
  });
  const result: Record<string, GroupRef> = {};
  for (const names of chunk(groups, 100)) {
    const infos = await callAws(
      () =>
        codeDeploy.send(
          new BatchGetDeploymentGroupsCommand({
            applicationName: application,
            deploymentGroupNames: names,
          }),
        ),
      { resource: application },
    );
    for (const info of infos.deploymentGroupsInfo ?? []) {
      for (const s of info.ecsServices ?? []) {
        result[`${s.clusterName}/${s.serviceName}`] = {
          application,
          deploymentGroup: info.deploymentGroupName ?? '',
        };
      }
    }
  }
  return result;
}

/** What a scan of an account's CodeDeploy applications found. */
export interface DeploymentGroupScan {
  /** Deployment groups by `cluster/service`. */
  groups: Record<string, GroupRef>;
  /** Applications that could not be read (throttled, failed): scan again. */
  failed: string[];
}

/**
 * Reads the ECS deployment groups of the given applications, or of every
 * application in the account. CodeDeploy has no lookup by service, so this
 * is the only way to find the group of a service nobody annotated. One
 * failing application does not fail the scan: it is reported in `failed`.
 */
export async function scanEcsDeploymentGroups(
  ctx: ReadContext,
  location: Location,
  applications?: string[],
  onApplication?: (groups: Record<string, GroupRef>) => void,
): Promise<DeploymentGroupScan> {
  const { codeDeploy } = await ctx.clients.forResource(location);
  const names =
    applications ??
    (await collectPages(async nextToken => {
      const page = await callAws(
        () => codeDeploy.send(new ListApplicationsCommand({ nextToken })),
        {},
      );
      return { items: page.applications ?? [], next: page.nextToken };
    }));
  const scan: DeploymentGroupScan = { groups: {}, failed: [] };
  let firstError: unknown;
  // At most 20 applications (so 20 calls) at a time: a bounded burst.
  await mapConcurrently(names, 20, async application => {
    try {
      const groups = await ecsGroupsOfApplication(ctx, location, application);
      Object.assign(scan.groups, groups);
      onApplication?.(groups);
    } catch (error) {
      firstError ??= error;
      scan.failed.push(application);
    }
  });
  // Nothing readable (no permission, AWS down): say why rather than retry.
  if (names.length && scan.failed.length === names.length) throw firstError;
  return scan;
}

import {
  DeploymentGroupInfo,
  DeploymentInfo,
} from '@aws-sdk/client-codedeploy';
import {
  DeploymentTarget,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  GatewayCallContext,
  codeDeployGateway,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { cacheKeys } from './cacheKeys';
import { mapCodeDeployTarget } from './mapping/deploymentTarget';
import { DeploymentConfigState, DeploymentGroupState } from './state';
import { GatewayDeps, Where, withCache } from './withCache';

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

/**
 * The predefined configurations encode their routing in the name
 * (`CodeDeployDefault.ECSCanary10Percent5Minutes`), which saves a call.
 */
function parseDefaultConfigName(
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

/** What a scan of an account's CodeDeploy applications found. */
export interface DeploymentGroupScan {
  /** Deployment groups by `cluster/service`. */
  groups: Record<string, GroupRef>;
  /** Applications that could not be read (throttled, failed): scan again. */
  failed: string[];
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight: a scan of a
 * whole account should not spend the account's request budget in one burst.
 */
async function mapConcurrently<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}

/** AWS CodeDeploy for the backend, each call with its cache class. */
export function codeDeployReads({ clients, cache }: GatewayDeps) {
  const codeDeploy = async (w: Where) =>
    (await clients.forResource(w)).codeDeploy;

  /** One application's ECS deployment groups, by `cluster/service`. */
  const ecsGroupsOfApplication = async (w: Where, application: string) => {
    const client = await codeDeploy(w);
    const context = { resource: application };
    const names = await codeDeployGateway.listDeploymentGroups(
      client,
      application,
      context,
    );
    const infos = await codeDeployGateway.batchGetDeploymentGroups(
      client,
      { applicationName: application, deploymentGroupNames: names },
      context,
    );
    const result: Record<string, GroupRef> = {};
    for (const info of infos) {
      if (!info.ecsServices?.length) continue;
      // What GetDeploymentGroup would answer for the group, which the first
      // view of each of its services would otherwise ask next.
      await cache.put(
        cacheKeys.codeDeployGroup(
          w,
          application,
          info.deploymentGroupName ?? '',
        ),
        mapGroup(info),
        'resolution',
      );
      for (const s of info.ecsServices ?? []) {
        result[`${s.clusterName}/${s.serviceName}`] = {
          application,
          deploymentGroup: info.deploymentGroupName ?? '',
        };
      }
    }
    return result;
  };

  const deploymentConfig = withCache(
    cache,
    {
      cache: 'finished',
      key: (w: Where, name: string) => cacheKeys.codeDeployConfig(w, name),
    },
    async (w: Where, name: string): Promise<DeploymentConfigState> => {
      const info = await codeDeployGateway.getDeploymentConfig(
        await codeDeploy(w),
        name,
        { resource: name },
      );
      const routing = info.trafficRoutingConfig;
      if (routing?.type === 'TimeBasedCanary') {
        return {
          name,
          type: 'TimeBasedCanary',
          percent: routing.timeBasedCanary?.canaryPercentage,
          intervalMinutes: routing.timeBasedCanary?.canaryInterval,
        };
      }
      if (routing?.type === 'TimeBasedLinear') {
        return {
          name,
          type: 'TimeBasedLinear',
          percent: routing.timeBasedLinear?.linearPercentage,
          intervalMinutes: routing.timeBasedLinear?.linearInterval,
        };
      }
      return { name, type: 'AllAtOnce' };
    },
  );

  return {
    /** GetDeploymentGroup, reduced. Cache: resolution. */
    deploymentGroup: withCache(
      cache,
      {
        cache: 'resolution',
        key: (w: Where, group: GroupRef) =>
          cacheKeys.codeDeployGroup(
            w,
            group.application,
            group.deploymentGroup,
          ),
      },
      async (w: Where, group: GroupRef): Promise<DeploymentGroupState> =>
        mapGroup(
          await codeDeployGateway.getDeploymentGroup(
            await codeDeploy(w),
            {
              applicationName: group.application,
              deploymentGroupName: group.deploymentGroup,
            },
            { resource: `${group.application}/${group.deploymentGroup}` },
          ),
        ),
    ),

    /** A deployment config's routing; predefined ones from their name. Cache: finished. */
    async deploymentConfig(
      w: Where,
      name: string,
    ): Promise<DeploymentConfigState> {
      return parseDefaultConfigName(name) ?? deploymentConfig(w, name);
    },

    /**
     * One page of a group's deployment ids, newest first. It changes only
     * when a deployment starts (their state is read apart). Cache: idle;
     * settled under the `version` of the service it deploys, which changes
     * with every deployment's task set (aws/serviceVersion.ts).
     */
    deploymentPage: (
      w: Where,
      group: GroupRef,
      token: string | undefined,
      version?: string,
    ) =>
      cache.get(
        cacheKeys.codeDeployDeploymentPage(
          w,
          group.application,
          group.deploymentGroup,
          token,
          version,
        ),
        async () =>
          codeDeployGateway.listDeployments(
            await codeDeploy(w),
            {
              applicationName: group.application,
              deploymentGroupName: group.deploymentGroup,
              nextToken: token,
            },
            { resource: `${group.application}/${group.deploymentGroup}` },
          ),
        version ? 'settled' : 'idle',
      ),

    /** BatchGetDeployments. Cache: none (callers cache what they map). */
    async deployments(w: Where, ids: string[]): Promise<DeploymentInfo[]> {
      if (!ids.length) return [];
      return codeDeployGateway.batchGetDeployments(await codeDeploy(w), ids);
    },

    /**
     * A deployment's mapped targets, shared by the Traffic view and the
     * detail. Cache: active while any target moves, finished after.
     */
    deploymentTargets: withCache(
      cache,
      {
        cache: (targets: DeploymentTarget[]) =>
          targets.length && !targets.some(t => isActiveStatus(t.status))
            ? 'finished'
            : 'active',
        key: (w: Where, deploymentId: string) =>
          cacheKeys.codeDeployTargets(w.accountId, deploymentId),
      },
      async (w: Where, deploymentId: string): Promise<DeploymentTarget[]> =>
        (
          await codeDeployGateway.deploymentTargets(
            await codeDeploy(w),
            deploymentId,
            { resource: deploymentId },
          )
        ).map(mapCodeDeployTarget),
    ),

    /**
     * Reads the ECS deployment groups of the given applications, or of every
     * application in the account. CodeDeploy has no lookup by service, so
     * this is the only way to find the group of a service nobody annotated.
     * One failing application does not fail the scan: it is reported in
     * `failed`. Cache: none (the group index caches the scan).
     */
    async scanEcsDeploymentGroups(
      w: Where,
      applications?: string[],
      onApplication?: (groups: Record<string, GroupRef>) => void,
    ): Promise<DeploymentGroupScan> {
      const names =
        applications ??
        (await codeDeployGateway.listApplications(await codeDeploy(w)));
      const scan: DeploymentGroupScan = { groups: {}, failed: [] };
      let firstError: unknown;
      // At most 20 applications (so 20 calls) at a time: a bounded burst.
      await mapConcurrently(names, 20, async application => {
        try {
          const groups = await ecsGroupsOfApplication(w, application);
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
    },

    /** Cache: none. */
    async continueDeployment(
      w: Where,
      deploymentId: string,
      waitType: 'READY_WAIT' | 'TERMINATION_WAIT',
      context: GatewayCallContext,
    ): Promise<void> {
      await codeDeployGateway.continueDeployment(
        await codeDeploy(w),
        { deploymentId, deploymentWaitType: waitType },
        context,
      );
    },

    /** StopDeployment with automatic rollback. Cache: none. */
    async stopDeployment(
      w: Where,
      deploymentId: string,
      context: GatewayCallContext,
    ): Promise<void> {
      await codeDeployGateway.stopDeployment(
        await codeDeploy(w),
        { deploymentId, autoRollbackEnabled: true },
        context,
      );
    },
  };
}

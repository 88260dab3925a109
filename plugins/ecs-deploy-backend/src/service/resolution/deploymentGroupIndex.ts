import { ServiceUnavailableError } from '@backstage/errors';
import {
  DeploymentGroupScan,
  scanEcsDeploymentGroups,
} from '../aws/codeDeployReads';
import { ReadContext } from '../aws/ReadContext';

type Location = { accountId: string; region: string };
type GroupRef = { application: string; deploymentGroup: string };

/** The last good scan of an account, kept long and refreshed behind readers. */
interface GroupIndex extends DeploymentGroupScan {
  scannedAt: number;
}

const indexKey = (l: Location) =>
  `codedeploy:groupindex:${l.accountId}:${l.region}`;

/** A later scan of some applications replaces what the index had of them. */
function merge(
  previous: GroupIndex | undefined,
  scan: DeploymentGroupScan,
  scanned: string[] | undefined,
): GroupIndex {
  const keep = (application: string) =>
    scanned
      ? !scanned.includes(application) || scan.failed.includes(application)
      : scan.failed.includes(application);
  const groups: Record<string, GroupRef> = {};
  for (const [service, group] of Object.entries(previous?.groups ?? {})) {
    if (keep(group.application)) groups[service] = group;
  }
  Object.assign(groups, scan.groups);
  const failed = scanned
    ? [
        ...(previous?.failed ?? []).filter(a => !scanned.includes(a)),
        ...scan.failed,
      ]
    : scan.failed;
  return {
    groups,
    failed,
    scannedAt: scanned ? previous?.scannedAt ?? Date.now() : Date.now(),
  };
}

/**
 * Scans (all or only the given applications) and stores the merged index.
 * Concurrent refreshes of one account share the scan; a full refresh first
 * looks whether another replica has just stored a fresh index.
 */
function refresh(
  ctx: ReadContext,
  location: Location,
  only?: string[],
): Promise<GroupIndex> {
  const key = indexKey(location);
  return ctx.cache.coalesce(
    `${key}:refresh:${only?.join(',') ?? '*'}`,
    async () => {
      const stored = await ctx.cache.peekShared<GroupIndex>(key);
      if (
        !only &&
        stored &&
        Date.now() - stored.scannedAt < ctx.ttl.resolution
      ) {
        return stored;
      }
      const scan = await scanEcsDeploymentGroups(ctx, location, only);
      const index = merge(stored, scan, only);
      // Kept far beyond the refresh interval: a failing refresh must not
      // leave readers without the last good index.
      await ctx.cache.put(
        key,
        index,
        Math.max(ctx.ttl.resolution * 6, 86_400_000),
      );
      return index;
    },
  );
}

/**
 * The CodeDeploy deployment group that deploys an ECS service nobody
 * annotated. Readers never wait for a whole-account scan except the very
 * first one: an index older than `ttl.resolution` answers at once and is
 * refreshed in the background; applications a scan could not read are
 * scanned again only when a service is not found, one by one rather than
 * the whole account, so throttling cannot turn into a storm of scans.
 */
export async function deploymentGroupOfService(
  ctx: ReadContext,
  location: Location,
  cluster: string,
  serviceName: string,
): Promise<GroupRef | undefined> {
  const service = `${cluster}/${serviceName}`;
  let index =
    (await ctx.cache.peek<GroupIndex>(indexKey(location))) ??
    (await refresh(ctx, location));
  if (Date.now() - index.scannedAt >= ctx.ttl.resolution) {
    refresh(ctx, location).catch(() => {
      // Keep answering from the last good index; the next reader retries.
    });
  }
  if (!index.groups[service] && index.failed.length) {
    index = await refresh(ctx, location, index.failed);
    if (!index.groups[service] && index.failed.length) {
      throw new ServiceUnavailableError(
        `Could not read the CodeDeploy deployment groups of ${index.failed.length} application(s) in account ${location.accountId} (${location.region}) to find the group of ${service}; retry in a few seconds, or annotate the entity with ecs-deploy.io/codedeploy.<environment>`,
      );
    }
  }
  return index.groups[service];
}

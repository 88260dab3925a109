import { ServiceUnavailableError } from '@backstage/errors';
import { cacheKeys } from '../aws/cacheKeys';
import { DeploymentGroupScan, GroupRef } from '../aws/codeDeploy';
import { Where as Location } from '../aws/withCache';
import { ReadContext } from '../reads/ReadContext';

/** The last good scan of an account, kept long and refreshed behind readers. */
interface GroupIndex extends DeploymentGroupScan {
  scannedAt: number;
}

const indexKey = cacheKeys.codeDeployGroupIndex;

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
  onApplication?: (groups: Record<string, GroupRef>) => void,
): Promise<GroupIndex> {
  const key = indexKey(location);
  const resolutionMs = ctx.cache.lifetimeOf('resolution');
  return ctx.cache.coalesce(
    cacheKeys.codeDeployGroupIndexRefresh(location, only),
    async () => {
      const stored = await ctx.cache.peekShared<GroupIndex>(key);
      if (!only && stored && Date.now() - stored.scannedAt < resolutionMs) {
        return stored;
      }
      const scan = await ctx.aws.codeDeploy.scanEcsDeploymentGroups(
        location,
        only,
        onApplication,
      );
      const index = merge(stored, scan, only);
      // Kept far beyond the refresh interval: a failing refresh must not
      // leave readers without the last good index.
      await ctx.cache.putFor(
        key,
        index,
        Math.max(resolutionMs * 6, 86_400_000),
      );
      return index;
    },
  );
}

/** Groups found so far by an account's first scan, and who waits for them. */
interface ScanProgress {
  groups: Record<string, GroupRef>;
  listeners: Set<() => void>;
  /** Settles when the scan ends, with the index it stored. */
  done: Promise<GroupIndex>;
}

const firstScans = new WeakMap<object, Map<string, ScanProgress>>();

/**
 * The first scan of an account: one per process however many readers (and
 * the warm-up at start) want it, followed by each as it goes.
 */
function firstScanOf(ctx: ReadContext, location: Location): ScanProgress {
  const key = indexKey(location);
  let scans = firstScans.get(ctx.cache);
  if (!scans) firstScans.set(ctx.cache, (scans = new Map()));
  const running = scans.get(key);
  if (running) return running;
  const progress: ScanProgress = {
    groups: {},
    listeners: new Set(),
    done: refresh(ctx, location, undefined, groups => {
      Object.assign(progress.groups, groups);
      progress.listeners.forEach(listener => listener());
    }),
  };
  scans.set(key, progress);
  progress.done
    .catch(() => undefined)
    .finally(() => {
      if (scans!.get(key) === progress) scans!.delete(key);
    });
  return progress;
}

/**
 * The first scan of an account, which readers must wait for: each reader is
 * answered as soon as its service's application has been read, not when the
 * last of hundreds of applications has (the scan goes on to fill the index).
 * Resolves with the group, or with the whole index when the scan ends
 * without it.
 */
function firstScan(
  ctx: ReadContext,
  location: Location,
  service: string,
): Promise<GroupRef | GroupIndex> {
  const scan = firstScanOf(ctx, location);
  if (scan.groups[service]) return Promise.resolve(scan.groups[service]);
  return new Promise((resolve, reject) => {
    const listener = () => {
      if (!scan.groups[service]) return;
      scan.listeners.delete(listener);
      resolve(scan.groups[service]);
    };
    scan.listeners.add(listener);
    scan.done.then(
      index => {
        scan.listeners.delete(listener);
        resolve(index);
      },
      error => {
        scan.listeners.delete(listener);
        reject(error);
      },
    );
  });
}

/**
 * Fills the account's deployment group index unless this process or the
 * shared cache already has one, so that the first view in the account does
 * not wait for the scan. Readers arriving meanwhile join the same scan.
 */
export async function warmDeploymentGroupIndex(
  ctx: ReadContext,
  location: Location,
): Promise<void> {
  if (await ctx.cache.peek<GroupIndex>(indexKey(location))) return;
  await firstScanOf(ctx, location).done;
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
  let index = await ctx.cache.peek<GroupIndex>(indexKey(location));
  if (!index) {
    const first = await firstScan(ctx, location, service);
    if (!('groups' in first)) return first;
    index = first;
  }
  if (Date.now() - index.scannedAt >= ctx.cache.lifetimeOf('resolution')) {
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

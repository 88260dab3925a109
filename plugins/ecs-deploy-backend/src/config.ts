import { Config } from '@backstage/config';
import {
  readTagKeys,
  EcsDeployTagKeys,
} from '@ecs-deploy/plugin-ecs-deploy-node';

/** Cache lifetimes, in milliseconds. */
export interface CacheTtls {
  active: number;
  finished: number;
  list: number;
  resolution: number;
}

export interface DiscoveryLocation {
  accountId: string;
  region: string;
}

export interface BackendSettings {
  ttl: CacheTtls;
  memoryEntries: number;
  staleIfErrorMs: number;
  discovery: DiscoveryLocation[];
  tagKeys: EcsDeployTagKeys;
}

/** Reads the backend's part of `ecsDeploy` (the AWS part is read by -node). */
export function readBackendSettings(config: Config): BackendSettings {
  const seconds = (key: string, fallback: number) =>
    (config.getOptionalNumber(`ecsDeploy.cache.${key}`) ?? fallback) * 1000;
  const defaultRegion =
    config.getOptionalString('ecsDeploy.aws.defaultRegion') ?? 'us-east-1';
  const discovery = (
    config.getOptionalConfigArray('ecsDeploy.discovery.locations') ?? []
  ).flatMap(location => {
    const accountId = location.getString('accountId');
    const regions = location.getOptionalStringArray('regions') ?? [
      defaultRegion,
    ];
    return regions.map(region => ({ accountId, region }));
  });
  return {
    ttl: {
      active: seconds('activeTtlSeconds', 5),
      finished: seconds('finishedTtlSeconds', 3600),
      list: seconds('listTtlSeconds', 15),
      resolution: seconds('resolutionTtlSeconds', 600),
    },
    memoryEntries:
      config.getOptionalNumber('ecsDeploy.cache.memoryEntries') ?? 10_000,
    staleIfErrorMs: seconds('staleIfErrorSeconds', 300),
    discovery,
    tagKeys: readTagKeys(config),
  };
}

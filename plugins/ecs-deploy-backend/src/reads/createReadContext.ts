import { CacheService } from '@backstage/backend-plugin-api';
import { AwsClientFactory } from '@ecs-deploy/plugin-ecs-deploy-node';
import { createAwsGateways } from '../aws/AwsGateways';
import { ClassedCache } from '../cache/ClassedCache';
import { ReadCache } from '../cache/ReadCache';
import { BackendSettings } from '../config';
import { EnvironmentLoader } from '../environments/EnvironmentLoader';
import { EnvironmentResolver } from '../environments/EnvironmentResolver';
import { ReadContext } from './ReadContext';

/** The gateways over one cache, and the loader of entities' environments. */
export function createReadContext(options: {
  settings: BackendSettings;
  cache: CacheService;
  clients: AwsClientFactory;
}): { ctx: ReadContext; environments: EnvironmentLoader } {
  const { settings, clients } = options;
  const cache = new ClassedCache(
    new ReadCache(options.cache, {
      memoryBytes: settings.memoryBytes,
      memoryEntries: settings.memoryEntries,
      staleIfErrorMs: settings.staleIfErrorMs,
    }),
    settings.ttl,
  );
  const ctx: ReadContext = { aws: createAwsGateways(clients, cache), cache };
  const resolver = new EnvironmentResolver(ctx.aws, {
    discovery: settings.discovery,
    tagKeys: settings.tagKeys,
    defaultRegion: clients.defaultRegion,
  });
  return { ctx, environments: new EnvironmentLoader(ctx, resolver) };
}

import { Config } from '@backstage/config';

/** One account and region the Tagging API is asked in. */
export interface DiscoveryLocation {
  accountId: string;
  region: string;
}

const SUPPORTED_LOCATOR = 'resourceTaggingApi';

/** `ecsDeploy.discovery.locations`: accounts, each with its regions. */
function ownLocations(
  config: Config,
  defaultRegion: string,
): DiscoveryLocation[] | undefined {
  const locations = config.getOptionalConfigArray(
    'ecsDeploy.discovery.locations',
  );
  if (!locations?.length) return undefined;
  return locations.flatMap(location => {
    const accountId = location.getString('accountId');
    const regions = location.getOptionalStringArray('regions') ?? [
      defaultRegion,
    ];
    return regions.map(region => ({ accountId, region }));
  });
}

/**
 * `aws.locator` as the awslabs AWS plugins configure it: every account of
 * `resourceTaggingApi.accounts` in every region of `regions` (default
 * `ecsDeploy.aws.defaultRegion`). Only the Tagging API locator is
 * supported; the others, and regions without accounts (the awslabs plugins
 * then ask Backstage's own account, whose id the suite cannot know without
 * a call to STS), fail at startup rather than leave lookups finding nothing.
 */
function awsLocatorLocations(
  config: Config,
  defaultRegion: string,
): DiscoveryLocation[] | undefined {
  const locator = config.getOptionalConfig('aws.locator');
  if (!locator) return undefined;
  const type = locator.getOptionalString('type') ?? SUPPORTED_LOCATOR;
  if (type !== SUPPORTED_LOCATOR) {
    throw new Error(
      `aws.locator.type '${type}' is not supported by ECS Deploy: it finds resources by their tags with the Resource Groups Tagging API only. Use aws.locator.type '${SUPPORTED_LOCATOR}' with aws.locator.${SUPPORTED_LOCATOR}.accounts and regions, or set ecsDeploy.discovery.locations (which ECS Deploy then uses instead of aws.locator)`,
    );
  }
  const taggingApi = locator.getOptionalConfig(SUPPORTED_LOCATOR);
  if (!taggingApi) return undefined;
  const accounts = taggingApi.getOptionalStringArray('accounts') ?? [];
  const regions = taggingApi.getOptionalStringArray('regions');
  if (!accounts.length) {
    if (!regions?.length) return undefined;
    throw new Error(
      `aws.locator.${SUPPORTED_LOCATOR}.regions is set without aws.locator.${SUPPORTED_LOCATOR}.accounts: ECS Deploy searches only accounts it is given (each with its credentials under aws.accounts). List the accounts, or set ecsDeploy.discovery.locations`,
    );
  }
  const searched = regions?.length ? regions : [defaultRegion];
  return accounts.flatMap(accountId =>
    searched.map(region => ({ accountId, region })),
  );
}

/**
 * Where tag lookups (`ecs-deploy.io/discovery: tags` and the awslabs
 * `*-tags` annotations) search: `ecsDeploy.discovery.locations` when set,
 * else `aws.locator.resourceTaggingApi`, else nowhere (a lookup then
 * answers 404 saying so). Never more than the config lists: the Tagging API
 * answers for the account and region it is asked in.
 */
export function readDiscoveryLocations(
  config: Config,
  defaultRegion: string,
): DiscoveryLocation[] {
  // With the suite's own locations, aws.locator is left to the awslabs
  // plugins, whichever locator they use.
  return (
    ownLocations(config, defaultRegion) ??
    awsLocatorLocations(config, defaultRegion) ??
    []
  );
}

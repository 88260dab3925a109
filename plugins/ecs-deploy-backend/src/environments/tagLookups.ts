import { InputError, NotFoundError } from '@backstage/errors';
import {
  RESOURCE_NOT_FOUND_CODE,
  TagLookup,
  formatTagFilterList,
  parseEcsServiceArn,
  parsePipelineArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  EcsDeployTagKeys,
  withErrorCode,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { AwsGateways } from '../aws/AwsGateways';
import { TagLookupMatch } from '../aws/tagging';
import { DiscoveryLocation } from './discoveryLocations';

/*
 * The awslabs `*-tags` annotations: every resource of a type carrying all
 * the tags, in the configured accounts and regions, each placed in the
 * environment its environment tag names.
 */

const RESOURCE_TYPE_FILTER: Record<TagLookup['resourceType'], string> = {
  'ecs-service': 'ecs:service',
  codepipeline: 'codepipeline:pipeline',
};

const RESOURCE_NAME: Record<TagLookup['resourceType'], string> = {
  'ecs-service': 'ECS service',
  codepipeline: 'CodePipeline pipeline',
};

/** A resource a lookup found, and the environment it belongs to. */
export interface PlacedMatch {
  environment: string;
  arn: string;
}

const at = (l: DiscoveryLocation) => `${l.accountId} / ${l.region}`;

/** `storefront-prod/orders-worker in 333333333333 / eu-west-1`. */
function describe(lookup: TagLookup, arn: string): string {
  if (lookup.resourceType === 'ecs-service') {
    const service = parseEcsServiceArn(arn)!;
    return `${service.cluster}/${service.serviceName} in ${at(service)}`;
  }
  const pipeline = parsePipelineArn(arn)!;
  return `${pipeline.name} in ${at(pipeline)}`;
}

/**
 * True when the ARN is of the lookup's type and lives where it was asked
 * for: the Tagging API answers for its own account and region, and nothing
 * else is what the config lets an entity reach.
 */
function isWithin(
  lookup: TagLookup,
  arn: string,
  location: DiscoveryLocation,
): boolean {
  const parsed =
    lookup.resourceType === 'ecs-service'
      ? parseEcsServiceArn(arn)
      : parsePipelineArn(arn);
  return (
    !!parsed &&
    parsed.accountId === location.accountId &&
    parsed.region === location.region
  );
}

/**
 * Runs a lookup in every location, in parallel. Finding nothing is the
 * 404 `ResourceNotFound` naming the annotation, as for an annotated ARN
 * AWS does not know.
 */
export async function findByTagLookup(
  aws: Pick<AwsGateways, 'tagging'>,
  locations: DiscoveryLocation[],
  lookup: TagLookup,
  tagKeys: EcsDeployTagKeys,
): Promise<TagLookupMatch[]> {
  const found = (
    await Promise.all(
      locations.map(async location =>
        (
          await aws.tagging.resourcesWithTags(
            location,
            RESOURCE_TYPE_FILTER[lookup.resourceType],
            lookup.tags,
            tagKeys,
          )
        ).filter(match => isWithin(lookup, match.arn, location)),
      ),
    )
  ).flat();
  if (!found.length) {
    throw withErrorCode(
      new NotFoundError(
        `No ${RESOURCE_NAME[lookup.resourceType]} tagged ${formatTagFilterList(
          lookup.tags,
        )} was found in ${locations.map(at).join(', ')} (${lookup.annotation})`,
      ),
      RESOURCE_NOT_FOUND_CODE,
    );
  }
  return found;
}

/**
 * Places each match in an environment, as tag discovery does: by its
 * environment tag. One match without that tag takes `fallback` (the
 * entity's only environment). Several must each name a distinct
 * environment, else the entity cannot be shown without guessing: a 400
 * naming the annotation and the resources.
 */
export function placeTagLookupMatches(
  lookup: TagLookup,
  matches: TagLookupMatch[],
  fallback: string,
  tagKeys: EcsDeployTagKeys,
): PlacedMatch[] {
  if (matches.length === 1 && !matches[0].environment) {
    return [{ environment: fallback, arn: matches[0].arn }];
  }
  const what = `${matches.length} ${RESOURCE_NAME[lookup.resourceType]}s`;
  const untagged = matches.filter(m => !m.environment);
  if (untagged.length) {
    throw withErrorCode(
      new InputError(
        `Annotation ${lookup.annotation} matches ${what}, and ${untagged
          .map(m => describe(lookup, m.arn))
          .join(', ')} ${untagged.length === 1 ? 'carries' : 'carry'} no ${
          tagKeys.environmentKey
        } tag: tag each with its environment, or narrow the tags`,
      ),
      'AmbiguousTagLookup',
    );
  }
  const byEnvironment = new Map<string, TagLookupMatch[]>();
  for (const match of matches) {
    const same = byEnvironment.get(match.environment!) ?? [];
    byEnvironment.set(match.environment!, [...same, match]);
  }
  for (const [environment, same] of byEnvironment) {
    if (same.length > 1) {
      throw withErrorCode(
        new InputError(
          `Annotation ${lookup.annotation} matches ${what}, ${
            same.length
          } of them in environment ${environment} (${same
            .map(m => describe(lookup, m.arn))
            .join(', ')}): each must carry a distinct ${
            tagKeys.environmentKey
          } tag, or narrow the tags`,
        ),
        'AmbiguousTagLookup',
      );
    }
  }
  return matches.map(m => ({ environment: m.environment!, arn: m.arn }));
}

import {
  GetResourcesCommand,
  ResourceTagMapping,
} from '@aws-sdk/client-resource-groups-tagging-api';
import {
  EcsDeployTagKeys,
  tagRecord,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { callAws, collectPages } from '../aws/callAws';
import { ReadContext } from '../aws/ReadContext';
import { DiscoveryLocation } from '../../config';

/** A resource found by its tags, with the environment tag's value. */
export interface DiscoveredResource {
  arn: string;
  environment: string;
}

/**
 * Finds the resources tagged with the entity ref in every configured
 * account and region (in parallel), through the Resource Groups Tagging API.
 * Resources without the environment tag are left out: they cannot be placed.
 */
export async function discoverByTags(
  ctx: ReadContext,
  locations: DiscoveryLocation[],
  tagKeys: EcsDeployTagKeys,
  entityRef: string,
): Promise<DiscoveredResource[]> {
  const perLocation = await Promise.all(
    locations.map(location =>
      ctx.cache.get(
        `tagging:${location.accountId}:${location.region}:${entityRef}`,
        async () => {
          const { tagging } = await ctx.clients.forResource(location);
          const mappings = await collectPages<ResourceTagMapping>(
            async PaginationToken => {
              const out = await callAws(
                () =>
                  tagging.send(
                    new GetResourcesCommand({
                      TagFilters: [
                        { Key: tagKeys.entityKey, Values: [entityRef] },
                      ],
                      PaginationToken,
                    }),
                  ),
                { operation: `discovering resources of ${entityRef}` },
              );
              return {
                items: out.ResourceTagMappingList ?? [],
                next: out.PaginationToken,
              };
            },
          );
          return mappings.flatMap(m => {
            const environment = tagRecord(m.Tags)[tagKeys.environmentKey];
            return m.ResourceARN && environment
              ? [{ arn: m.ResourceARN, environment }]
              : [];
          });
        },
        ctx.ttl.resolution,
      ),
    ),
  );
  return perLocation.flat();
}

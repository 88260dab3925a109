import {
  EcsDeployTagKeys,
  taggingGateway,
  tagRecord,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { cacheKeys } from './cacheKeys';
import { GatewayDeps, Where, withCache } from './withCache';

/** A resource found by its tags, with the environment tag's value. */
export interface DiscoveredResource {
  arn: string;
  environment: string;
}

/** A resource found by tags an annotation names, with its environment tag if any. */
export interface TagLookupMatch {
  arn: string;
  environment?: string;
}

/** The Resource Groups Tagging API for the backend, each call with its cache class. */
export function taggingReads({ clients, cache }: GatewayDeps) {
  const tagging = async (w: Where) => (await clients.forResource(w)).tagging;
  return {
    /**
     * The resources tagged with the entity ref, with their environment tag;
     * resources without one cannot be placed and are left out.
     * Cache: resolution.
     */
    taggedResources: withCache(
      cache,
      {
        cache: 'resolution',
        key: (w: Where, _keys: EcsDeployTagKeys, entityRef: string) =>
          cacheKeys.taggedResources(w, entityRef),
      },
      async (
        w: Where,
        keys: EcsDeployTagKeys,
        entityRef: string,
      ): Promise<DiscoveredResource[]> => {
        const mappings = await taggingGateway.getResources(
          await tagging(w),
          { TagFilters: [{ Key: keys.entityKey, Values: [entityRef] }] },
          { operation: `discovering resources of ${entityRef}` },
        );
        return mappings.flatMap(m => {
          const environment = tagRecord(m.Tags)[keys.environmentKey];
          return m.ResourceARN && environment
            ? [{ arn: m.ResourceARN, environment }]
            : [];
        });
      },
    ),

    /**
     * The resources of one type (`ecs:service`, `codepipeline:pipeline`)
     * carrying every one of the tags, with their environment tag.
     * Cache: resolution.
     */
    resourcesWithTags: withCache(
      cache,
      {
        cache: 'resolution',
        key: (
          w: Where,
          resourceType: string,
          tags: Array<{ key: string; value: string }>,
          _keys: EcsDeployTagKeys,
        ) => cacheKeys.resourcesWithTags(w, resourceType, tags),
      },
      async (
        w: Where,
        resourceType: string,
        tags: Array<{ key: string; value: string }>,
        keys: EcsDeployTagKeys,
      ): Promise<TagLookupMatch[]> => {
        const mappings = await taggingGateway.getResources(
          await tagging(w),
          {
            TagFilters: tags.map(t => ({ Key: t.key, Values: [t.value] })),
            ResourceTypeFilters: [resourceType],
          },
          { operation: `looking up ${resourceType} resources by tags` },
        );
        return mappings.flatMap(m => {
          if (!m.ResourceARN) return [];
          const environment = tagRecord(m.Tags)[keys.environmentKey];
          return [
            { arn: m.ResourceARN, ...(environment ? { environment } : {}) },
          ];
        });
      },
    ),

    /**
     * The tags of one resource, read now: the owner check must see a removed
     * tag at once. Untagged resources are left out of AWS's answer: no tags.
     * Cache: none.
     */
    async tagsNow(
      w: Where,
      arn: string,
      context: { operation: string },
    ): Promise<Record<string, string>> {
      const mappings = await taggingGateway.getResources(
        await tagging(w),
        { ResourceARNList: [arn] },
        { ...context, resource: arn },
      );
      return tagRecord(mappings.find(m => m.ResourceARN === arn)?.Tags);
    },
  };
}

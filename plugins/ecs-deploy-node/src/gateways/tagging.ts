import {
  GetResourcesCommandInput,
  ResourceGroupsTaggingAPIClient,
  ResourceTagMapping,
  paginateGetResources,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { GatewayCallContext, call, collect } from './call';

/*
 * The Resource Groups Tagging API: one question for every resource type the
 * suite tags.
 */

/**
 * Every resource (with its tags) matching the filters or ARNs, all pages.
 *
 * @public
 */
export async function getResources(
  tagging: ResourceGroupsTaggingAPIClient,
  input: Pick<
    GetResourcesCommandInput,
    'TagFilters' | 'ResourceTypeFilters' | 'ResourceARNList'
  >,
  context?: GatewayCallContext,
): Promise<ResourceTagMapping[]> {
  return call('tag:GetResources', context, () =>
    collect(
      paginateGetResources({ client: tagging }, input),
      p => p.ResourceTagMappingList,
    ),
  );
}

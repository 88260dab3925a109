import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { NotAllowedError } from '@backstage/errors';
import { parseArn } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  isTaggedForEntity,
  tagRecord,
  withErrorCode,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { callAws } from '../service/aws/callAws';
import { ActionContext } from './types';

/**
 * Refuses (403) unless the AWS resource carries the tag naming the entity.
 *
 * Anyone who can register a catalog-info.yaml can write any ARN into its
 * annotations, so an annotation alone proves nothing: the resource itself must
 * say it belongs to the entity before the backend changes it. Never cached, so
 * removing the tag takes effect at once. One Tagging API call (`tag:GetResources`),
 * which answers for every resource type the actions touch.
 */
export async function assertOwnedByEntity(
  ctx: ActionContext,
  entityRef: string,
  arn: string,
): Promise<void> {
  const parsed = parseArn(arn);
  if (!parsed) {
    throw new NotAllowedError(`Cannot verify the ownership of '${arn}'`);
  }
  const { tagging } = await ctx.reads.clients.forResource({
    accountId: parsed.accountId,
    region: parsed.region,
  });
  const out = await callAws(
    () => tagging.send(new GetResourcesCommand({ ResourceARNList: [arn] })),
    {
      operation: `checking the owner tag of ${arn}`,
      iamAction: 'tag:GetResources',
      resource: arn,
    },
  );
  // The Tagging API leaves untagged resources out of the answer.
  const mapping = out.ResourceTagMappingList?.find(m => m.ResourceARN === arn);
  const tags = tagRecord(mapping?.Tags);
  if (!isTaggedForEntity(tags, entityRef, ctx.tagKeys)) {
    // Which entity a resource is tagged for is not this caller's business:
    // the refusal names the tag checked, not what the resource carries.
    throw withErrorCode(
      new NotAllowedError(
        `${arn} is not tagged ${ctx.tagKeys.entityKey}=${entityRef}; the backend changes only AWS resources tagged with the entity they belong to`,
      ),
      'NotTaggedForEntity',
    );
  }
}

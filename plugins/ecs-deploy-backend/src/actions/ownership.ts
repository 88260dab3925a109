import { NotAllowedError } from '@backstage/errors';
import { parseArn } from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  isTaggedForEntity,
  withErrorCode,
} from '@ecs-deploy/plugin-ecs-deploy-node';
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
  ctx: Pick<ActionContext, 'aws' | 'tags'>,
  entityRef: string,
  arn: string,
): Promise<void> {
  const parsed = parseArn(arn);
  if (!parsed) {
    throw new NotAllowedError(`Cannot verify the ownership of '${arn}'`);
  }
  const tags = await ctx.aws.tagging.tagsNow(
    { accountId: parsed.accountId, region: parsed.region },
    arn,
    { operation: `checking the owner tag of ${arn}` },
  );
  if (!isTaggedForEntity(tags, entityRef, ctx.tags)) {
    // Which entity a resource is tagged for is not this caller's business:
    // the refusal names the tag checked, not what the resource carries.
    throw withErrorCode(
      new NotAllowedError(
        `${arn} is not tagged ${ctx.tags.entityKey}=${entityRef}; the backend changes only AWS resources tagged with the entity they belong to`,
      ),
      'NotTaggedForEntity',
    );
  }
}

/** {@link assertOwnedByEntity} for every resource an action changes. */
export async function assertAllOwnedByEntity(
  ctx: Pick<ActionContext, 'aws' | 'tags'>,
  entityRef: string,
  arns: readonly string[],
): Promise<void> {
  await Promise.all(
    [...new Set(arns)].map(arn => assertOwnedByEntity(ctx, entityRef, arn)),
  );
}

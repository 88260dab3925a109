import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import { paginate } from '../../../core/pagination';
import type { OperationHandler } from '../../../core/types';
import {
  optionalNumber,
  optionalString,
  requireArray,
  requireString,
} from '../../../core/validate';
import type { EcsStore } from '../EcsStore';
import { ecsTags, renderTaskDefinition } from '../render';
import { INVALID, ecsTagsInput, includes } from './common';
import { validateFargateTaskSize } from './fargateTaskSize';

/** RegisterTaskDefinition's checks, shared with the pipelines' deploy actions (world.ecs). */
export function validateTaskDefinitionInput(
  input: Record<string, unknown>,
): void {
  const family = requireString(input, 'family', INVALID);
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(family)) {
    throw new AwsError(INVALID, 'Family contains invalid characters.');
  }
  const containers = requireArray<Record<string, unknown>>(
    input,
    'containerDefinitions',
    INVALID,
  );
  if (containers.length === 0) {
    throw new AwsError(INVALID, 'Container list cannot be empty.');
  }
  for (const c of containers) {
    requireString(c, 'name', INVALID);
    requireString(c, 'image', INVALID);
  }
  validateFargateTaskSize(input);
}

export function taskDefinitionOperations(
  store: EcsStore,
): Record<string, OperationHandler> {
  return {
    RegisterTaskDefinition(input, ctx) {
      validateTaskDefinitionInput(input);
      const { tags, ...document } = input;
      const td = store.registerTaskDefinition(callerScope(ctx), document);
      const tagList = ecsTagsInput(tags);
      store.world.tags.tag(td.arn, tagList);
      return { taskDefinition: renderTaskDefinition(td), tags: tagList };
    },

    DescribeTaskDefinition(input, ctx) {
      const ref = requireString(input, 'taskDefinition', INVALID);
      const td = store.taskDefinition(ref, callerScope(ctx));
      return {
        taskDefinition: renderTaskDefinition(td),
        ...(includes(input, 'TAGS')
          ? { tags: ecsTags(store.world.tags, td.arn) }
          : {}),
      };
    },

    ListTaskDefinitions(input, ctx) {
      const family = optionalString(input, 'familyPrefix', INVALID);
      const status = optionalString(input, 'status', INVALID) ?? 'ACTIVE';
      const sort = optionalString(input, 'sort', INVALID) ?? 'ASC';
      const arns = [...store.taskDefinitions.values()]
        .filter(
          td =>
            td.accountId === ctx.accountId &&
            td.region === ctx.region &&
            td.status === status &&
            (!family || td.family === family),
        )
        .sort((a, b) =>
          a.family === b.family
            ? a.revision - b.revision
            : a.family.localeCompare(b.family),
        )
        .map(td => td.arn);
      if (sort === 'DESC') arns.reverse();
      const { page, nextToken } = paginate(arns, {
        nextToken: optionalString(input, 'nextToken', INVALID),
        maxResults: optionalNumber(input, 'maxResults', INVALID),
        defaultMaxResults: 100,
        invalidTokenCode: INVALID,
      });
      return { taskDefinitionArns: page, nextToken };
    },

    DeregisterTaskDefinition(input, ctx) {
      const ref = requireString(input, 'taskDefinition', INVALID);
      const td = store.taskDefinition(ref, callerScope(ctx));
      td.status = 'INACTIVE';
      return { taskDefinition: renderTaskDefinition(td) };
    },
  };
}

import type { OperationHandler } from '../../../core/types';
import { requireArray, requireString } from '../../../core/validate';
import type { EcrStore } from '../EcrStore';
import { INVALID, ecrTagsInput } from './common';

/** Tags of repositories. */
export function tagOperations(
  store: EcrStore,
): Record<string, OperationHandler> {
  const tags = store.world.tags;
  const repositoryOf = (input: any) =>
    store.repositoryByArn(requireString(input, 'resourceArn', INVALID));

  return {
    TagResource(input) {
      const repo = repositoryOf(input);
      tags.tag(repo.arn, ecrTagsInput(requireArray(input, 'tags', INVALID)));
      return {};
    },

    UntagResource(input) {
      const repo = repositoryOf(input);
      tags.untag(repo.arn, requireArray<string>(input, 'tagKeys', INVALID));
      return {};
    },

    ListTagsForResource(input) {
      const repo = repositoryOf(input);
      return {
        tags: tags.list(repo.arn).map(t => ({ Key: t.key, Value: t.value })),
      };
    },
  };
}

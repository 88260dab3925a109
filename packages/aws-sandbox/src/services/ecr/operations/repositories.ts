import { AwsError } from '../../../core/AwsError';
import type { OperationHandler } from '../../../core/types';
import {
  optionalArray,
  optionalString,
  requireString,
} from '../../../core/validate';
import type { EcrStore } from '../EcrStore';
import { renderRepository } from '../render';
import { TAG_MUTABILITY } from '../tagMutability';
import { INVALID, ecrPage, ecrTagsInput, registryOf } from './common';

const NAME =
  /^(?=.{2,256}$)((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)$/;

/** Repositories. */
export function repositoryOperations(
  store: EcrStore,
): Record<string, OperationHandler> {
  return {
    CreateRepository(input, ctx) {
      const name = requireString(input, 'repositoryName', INVALID);
      if (!NAME.test(name)) {
        throw new AwsError(
          INVALID,
          `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${NAME.source}''`,
        );
      }
      const mutability =
        optionalString(input, 'imageTagMutability', INVALID) ?? 'MUTABLE';
      if (!TAG_MUTABILITY.includes(mutability)) {
        throw new AwsError(
          INVALID,
          `Invalid imageTagMutability '${mutability}'`,
        );
      }
      const repo = store.createRepository(registryOf(input, ctx), name, {
        imageTagMutability: mutability,
        exclusionFilters:
          optionalArray(input, 'imageTagMutabilityExclusionFilters', INVALID) ??
          [],
        scanOnPush: input.imageScanningConfiguration?.scanOnPush === true,
      });
      store.world.tags.tag(repo.arn, ecrTagsInput(input.tags));
      return { repository: renderRepository(repo) };
    },

    DescribeRepositories(input, ctx) {
      const registry = registryOf(input, ctx);
      const names = optionalArray<string>(input, 'repositoryNames', INVALID);
      const repos = names?.length
        ? names.map(n => store.repository(registry, n))
        : store.repositoriesIn(registry);
      const { page, nextToken } = ecrPage(repos, input);
      return { repositories: page.map(renderRepository), nextToken };
    },
  };
}

import type { RepositoryRecord } from './model';

/** The `imageTagMutability` values CreateRepository accepts. */
export const TAG_MUTABILITY = [
  'MUTABLE',
  'IMMUTABLE',
  'IMMUTABLE_WITH_EXCLUSION',
  'MUTABLE_WITH_EXCLUSION',
];

/**
 * Whether a tag may not move to another image: the repository's mutability,
 * with its exclusion filters (wildcards) reversing it for the tags they match.
 */
export function isTagImmutable(repo: RepositoryRecord, tag: string): boolean {
  const excluded = repo.exclusionFilters.some(f =>
    wildcard(f.filter).test(tag),
  );
  switch (repo.imageTagMutability) {
    case 'IMMUTABLE':
      return true;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !excluded;
    case 'MUTABLE_WITH_EXCLUSION':
      return excluded;
    default:
      return false;
  }
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

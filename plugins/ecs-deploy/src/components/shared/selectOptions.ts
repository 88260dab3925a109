import type { Key } from '@backstage/ui';

/**
 * The key of a select's "all" option: react-aria needs a key for each
 * option, while the filters model "all" as no value.
 */
export const ALL = '__all__';

/** A filter value as a select key. */
export const toOption = (value: string | undefined): string => value ?? ALL;

/** A select key as a filter value; "all" and no selection are no filter. */
export function fromOption(key: Key | null): string | undefined {
  return key === null || key === ALL ? undefined : String(key);
}

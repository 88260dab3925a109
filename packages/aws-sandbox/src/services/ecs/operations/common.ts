import { AwsError } from '../../../core/AwsError';

/** ECS's code for bad input. */
export const INVALID = 'InvalidParameterException';

export function ecsTagsInput(value: unknown): { key: string; value: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new AwsError(INVALID, 'tags must be a list of { key, value }');
  }
  return value.map(tag => {
    if (typeof tag?.key !== 'string' || tag.key.length === 0) {
      throw new AwsError(INVALID, 'Tag keys must be non-empty strings.');
    }
    return { key: tag.key, value: String(tag.value ?? '') };
  });
}

export function includes(
  input: Record<string, unknown>,
  field: string,
): boolean {
  return Array.isArray(input.include) && input.include.includes(field);
}

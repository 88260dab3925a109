import { AwsError } from '../../../core/AwsError';

/*
 * CodeDeploy names a specific exception for each missing field
 * (ApplicationNameRequiredException, DeploymentIdRequiredException, ...), so
 * each check says which one.
 */

export function need(input: any, field: string, code: string): string {
  const value = input?.[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new AwsError(code, `${field} is required`);
  }
  return value;
}

export function optionalList<T>(input: any, field: string): T[] | undefined {
  const value = input?.[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new AwsError('InvalidInputException', `${field} must be a list`);
  }
  return value as T[];
}

/** JSON 1.1 timestamps arrive as epoch seconds. */
export function epochMs(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') {
    const n = Number(value);
    return Number.isFinite(n) ? n * 1000 : Date.parse(value);
  }
  throw new AwsError('InvalidTimeRangeException', 'The time range is invalid');
}

/** CodeDeploy tags are `{Key, Value}`. */
export function codeDeployTagsInput(
  input: any,
  field = 'tags',
): { key: string; value: string }[] {
  const list =
    optionalList<{ Key?: string; Value?: string }>(input, field) ?? [];
  return list.map(t => {
    if (typeof t?.Key !== 'string' || t.Key.length === 0) {
      throw new AwsError('InvalidTagException', 'A tag must have a key');
    }
    return { key: t.Key, value: t.Value ?? '' };
  });
}

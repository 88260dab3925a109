import { AwsErrorContext, toBackstageError } from '../toBackstageError';

/**
 * What the caller was doing, for the error message of a gateway call; the
 * gateway adds the IAM action of the call itself.
 *
 * @public
 */
export type GatewayCallContext = Omit<AwsErrorContext, 'iamAction'>;

/**
 * Sends one AWS call (or one walk of pages) and maps what it throws through
 * `toBackstageError`, naming the IAM action.
 */
export async function call<T>(
  iamAction: string,
  context: GatewayCallContext | undefined,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw toBackstageError(error, { ...context, iamAction });
  }
}

/**
 * Runs `send`, answering `undefined` when AWS says the resource does not
 * exist with one of the `absent` exception names: where absence is an
 * answer rather than a failure.
 */
export async function unlessAbsent<T>(
  absent: readonly string[],
  send: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await send();
  } catch (error) {
    if (absent.includes((error as { name?: string } | null)?.name ?? '')) {
      return undefined;
    }
    throw error;
  }
}

/** `items` in slices of at most `size`, for AWS's batch limits. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** Every item of an SDK paginator's pages. */
export async function collect<P, T>(
  pages: AsyncIterable<P>,
  itemsOf: (page: P) => T[] | undefined,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  return items;
}

import {
  AwsErrorContext,
  toBackstageError,
} from '@ecs-deploy/plugin-ecs-deploy-node';

/** Runs an AWS call and maps whatever it throws through the one mapper. */
export async function callAws<T>(
  fn: () => Promise<T>,
  context: AwsErrorContext,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toBackstageError(error, context);
  }
}

/** Follows an AWS pagination token to the end, collecting every page's items. */
export async function collectPages<T>(
  fetchPage: (
    token: string | undefined,
  ) => Promise<{ items: T[]; next?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    items.push(...page.items);
    token = page.next || undefined;
  } while (token);
  return items;
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight: a scan of a
 * whole account should not spend the account's request budget in one burst.
 */
export async function mapConcurrently<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

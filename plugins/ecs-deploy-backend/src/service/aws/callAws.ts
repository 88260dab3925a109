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

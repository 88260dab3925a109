import { Response } from 'supertest';

/**
 * Asserts the error contract: exactly `error.{name,message,code}`,
 * `requestId` (the `X-Request-Id` header) and `response.statusCode`; no stack,
 * no cause, no AWS metadata, no principal ARN, no account id but those in
 * `ownAccounts` (the ones the entity's annotations name).
 */
export function expectErrorBody(
  res: Response,
  options: { ownAccounts: string[] },
): void {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.body;
  expect(Object.keys(body).sort()).toEqual(['error', 'requestId', 'response']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'name']);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.code).toMatch(/^[A-Za-z]+$/);
  expect(body.response).toEqual({ statusCode: res.status });
  expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.headers['x-request-id']).toBe(body.requestId);

  // the request id is a UUID, whose last group can look like an account id
  const text = JSON.stringify({ ...body, requestId: undefined });
  expect(text).not.toMatch(/\$metadata|\$fault|"cause"|"stack"/);
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(text).not.toMatch(/arn:aws[a-z-]*:(iam|sts)::/);
  const accounts = text.match(/(?<!\d)\d{12}(?!\d)/g) ?? [];
  expect(accounts.filter(a => !options.ownAccounts.includes(a))).toEqual([]);
}

/** Keys of mutating AWS operations in the sandbox call log. */
export function mutatingCalls(counts: Record<string, number>): string[] {
  return Object.keys(counts).filter(key =>
    /:(Create|Update|Put|Start|Stop|Continue|Register|Delete|Modify|Tag|Untag|Retry|Batch(Delete|Put))/.test(
      key,
    ),
  );
}

import { renderHook } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import { act } from 'react';
import { useIdempotentAction } from './useIdempotentAction';

async function answered(status: number, name: string, code: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message: `${code} from the backend`, code },
        request: { method: 'POST', url: '/api/ecs-deploy/test' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: name,
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

/** Runs the action twice, the first attempt failing with `error`. */
async function keysAfter(error: unknown) {
  const run = jest
    .fn()
    .mockRejectedValueOnce(error)
    .mockResolvedValueOnce('done');
  const { result } = renderHook(() => useIdempotentAction(run));
  await act(() => result.current.execute());
  const failed = result.current.state;
  await act(() => result.current.execute());
  expect(result.current.state).toEqual({ status: 'succeeded', result: 'done' });
  return {
    failed,
    first: run.mock.calls[0][0] as string,
    second: run.mock.calls[1][0] as string,
  };
}

describe('useIdempotentAction', () => {
  it('keeps the key after a 503 OutcomeUnknown: the backend settles the first attempt', async () => {
    const { failed, first, second } = await keysAfter(
      await answered(503, 'ServiceUnavailableError', 'OutcomeUnknown'),
    );
    expect(failed).toMatchObject({ status: 'failed', outcomeUnknown: true });
    expect(second).toBe(first);
  });

  it('keeps the key after a network error, which got no answer', async () => {
    const { failed, first, second } = await keysAfter(
      new TypeError('Failed to fetch'),
    );
    expect(failed).toMatchObject({ status: 'failed', outcomeUnknown: true });
    expect(second).toBe(first);
  });

  it('mints a new key after an answered refusal', async () => {
    const { failed, first, second } = await keysAfter(
      await answered(409, 'ConflictError', 'ActionInProgress'),
    );
    expect(failed).toMatchObject({ status: 'failed', outcomeUnknown: false });
    expect(second).not.toBe(first);
  });

  it('mints a new key after any other 503', async () => {
    const { first, second } = await keysAfter(
      await answered(503, 'ServiceUnavailableError', 'ThrottlingException'),
    );
    expect(second).not.toBe(first);
  });
});

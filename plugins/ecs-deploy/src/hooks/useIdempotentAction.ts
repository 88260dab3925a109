import { ResponseError } from '@backstage/errors';
import { ECS_DEPLOY_ACTION_ERROR_CODES } from '@ecs-deploy/plugin-ecs-deploy-common';
import { useCallback, useRef, useState } from 'react';

/** Where a mutating request stands. */
export type ActionState<T> =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'succeeded'; result: T }
  | {
      status: 'failed';
      error: unknown;
      /** Whether the backend may have acted: retrying keeps the key. */
      outcomeUnknown: boolean;
    };

/**
 * Whether a failed request may still have acted: it got no answer (a network
 * error), or the backend answered that AWS's outcome is unknown.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (!ResponseError.is(error)) {
    return true;
  }
  return (
    error.body?.error?.code === ECS_DEPLOY_ACTION_ERROR_CODES.outcomeUnknown
  );
}

function newIdempotencyKey(): string {
  const webCrypto = globalThis.crypto;
  if (webCrypto && typeof webCrypto.randomUUID === 'function') {
    return webCrypto.randomUUID();
  }
  // Older browsers: still unique enough for one user's retries.
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Runs a mutating request at most once per intent.
 *
 * One idempotency key is minted per intent, so a retry after an unknown
 * outcome (a network error, or the backend's 503 `OutcomeUnknown`: AWS may
 * have acted) reuses it and the backend settles the first attempt instead of
 * acting twice. Once the backend has answered with any other error, the next
 * attempt is a new intent and gets a new key. A second click while a request
 * is in flight is ignored.
 */
export function useIdempotentAction<TArgs extends unknown[], TResult>(
  run: (idempotencyKey: string, ...args: TArgs) => Promise<TResult>,
) {
  const [state, setState] = useState<ActionState<TResult>>({
    status: 'idle',
  });
  const keyRef = useRef<string>(newIdempotencyKey());
  const inFlightRef = useRef(false);

  const execute = useCallback(
    async (...args: TArgs) => {
      if (inFlightRef.current) {
        return;
      }
      inFlightRef.current = true;
      setState({ status: 'running' });
      try {
        const result = await run(keyRef.current, ...args);
        setState({ status: 'succeeded', result });
      } catch (error) {
        const outcomeUnknown = isOutcomeUnknown(error);
        if (!outcomeUnknown) {
          keyRef.current = newIdempotencyKey();
        }
        setState({ status: 'failed', error, outcomeUnknown });
      } finally {
        inFlightRef.current = false;
      }
    },
    [run],
  );

  const reset = useCallback(() => {
    if (inFlightRef.current) {
      return;
    }
    keyRef.current = newIdempotencyKey();
    setState({ status: 'idle' });
  }, []);

  return { state, execute, reset };
}

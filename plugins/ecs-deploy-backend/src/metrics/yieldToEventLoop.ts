import { setImmediate } from 'node:timers/promises';

/**
 * Lets other requests run between two slices of a long read or computation,
 * so that a 10,000-deployment history never holds the event loop for long.
 */
export function yieldToEventLoop(): Promise<void> {
  return setImmediate();
}

import type { Pluggable } from '@smithy/types';

/**
 * AWS's clock as its responses tell it (the HTTP `Date` header), so times
 * computed from AWS timestamps ("next step in 3 minutes") use the clock
 * those timestamps came from, not the backend's. Against real AWS the two
 * agree within seconds; a local stand-in may run its own clock.
 *
 * @public
 */
export class ServerClock {
  private offsetMs = 0;

  /** Now, on AWS's clock. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Records the server time of a response. */
  observe(dateHeader: string | undefined): void {
    if (!dateHeader) return;
    const server = Date.parse(dateHeader);
    if (Number.isFinite(server)) this.offsetMs = server - Date.now();
  }
}

function dateOf(response: unknown): string | undefined {
  const headers = (response as { headers?: Record<string, string> } | undefined)
    ?.headers;
  return headers?.date ?? headers?.Date;
}

/** A middleware that feeds every response's `Date` header to a clock. */
export function serverClockPlugin(clock: ServerClock): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        next => async args => {
          try {
            const result = await next(args);
            clock.observe(dateOf(result.response));
            return result;
          } catch (error) {
            // Error responses carry the server's time too.
            clock.observe(dateOf((error as { $response?: unknown }).$response));
            throw error;
          }
        },
        { step: 'deserialize', name: 'ecsDeployServerClock', override: true },
      );
    },
  };
}

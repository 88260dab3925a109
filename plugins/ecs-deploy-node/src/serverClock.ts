import type { Pluggable } from '@smithy/types';

/**
 * The `Date` header counts whole seconds, so two readings' difference is
 * known to a second either way: the pace is taken once that error leaves
 * no doubt (AWS's own pace within a factor of two, or a faster one within
 * a quarter), which takes 2 to 4 s at AWS's pace and about a second at 10x,
 * and at the latest after this long.
 */
const PACE_WINDOW_MS = 5_000;
const HEADER_RESOLUTION_MS = 1_000;
const PACE_PRECISION = 1.25;
/** The pace is measured again from readings no older than this. */
const PACE_REBASE_MS = 60_000;

interface Reading {
  local: number;
  server: number;
}

/**
 * AWS's clock as its responses tell it (the HTTP `Date` header), so times
 * computed from AWS timestamps ("next step in 3 minutes") use the clock
 * those timestamps came from, not the backend's. Against real AWS the two
 * agree within seconds and run at one pace; a local stand-in may run its
 * own clock, faster (the sandbox's `speed`), which is why the pace is
 * measured too: waiting for an AWS time takes that many fewer real
 * milliseconds.
 *
 * @public
 */
export class ServerClock {
  private last?: Reading;
  private base?: Reading;
  /** AWS milliseconds per local millisecond, once measured. */
  private pace?: number;

  constructor(private readonly localNow: () => number = () => Date.now()) {}

  /** Now, on AWS's clock. */
  now(): Date {
    const local = this.localNow();
    if (!this.last) return new Date(local);
    return new Date(
      this.last.server + (local - this.last.local) * (this.pace ?? 1),
    );
  }

  /**
   * Local milliseconds until AWS's clock shows `iso` (negative once past);
   * undefined until AWS's pace has been watched for a few seconds, or when
   * its clock stands still.
   */
  msUntil(iso: string): number | undefined {
    const at = Date.parse(iso);
    if (!this.pace || !Number.isFinite(at)) return undefined;
    return (at - this.now().getTime()) / this.pace;
  }

  /** Records the server time of a response. */
  observe(dateHeader: string | undefined): void {
    if (!dateHeader) return;
    const server = Date.parse(dateHeader);
    if (!Number.isFinite(server)) return;
    const reading = { local: this.localNow(), server };
    this.last = reading;
    if (!this.base) {
      this.base = reading;
      return;
    }
    const elapsed = reading.local - this.base.local;
    const pace = paceOf(server - this.base.server, elapsed);
    if (pace !== undefined) this.pace = pace;
    if (elapsed >= PACE_REBASE_MS) this.base = reading;
  }
}

/** AWS ms per local ms from a difference of two headers, once it is certain enough. */
function paceOf(serverMs: number, elapsedMs: number): number | undefined {
  if (elapsedMs <= 0) return undefined;
  const low = Math.max(serverMs - HEADER_RESOLUTION_MS, 0) / elapsedMs;
  const high = (serverMs + HEADER_RESOLUTION_MS) / elapsedMs;
  // Within a factor of two is AWS's own pace, which is ours.
  if (low >= 0.5 && high <= 2) return 1;
  if (low > 0 && high / low <= PACE_PRECISION) return serverMs / elapsedMs;
  if (elapsedMs < PACE_WINDOW_MS) return undefined;
  const measured = serverMs / elapsedMs;
  return measured > 0.5 && measured < 2 ? 1 : Math.max(measured, 0);
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

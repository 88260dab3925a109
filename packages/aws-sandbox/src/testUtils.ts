import { advanceWorld } from './core/advance';
import type { CallLogEntry, FaultConfig, RunningSandbox } from './server';
import type { SandboxWorld } from './world';

/**
 * Client settings for the sandbox: its endpoint, any credentials, and no SDK
 * retries (tests look at single answers, including injected faults).
 *
 * @public
 */
export function sandboxClientConfig(
  sb: Pick<RunningSandbox, 'url'>,
  options: { region?: string; accountId?: string } = {},
) {
  return {
    endpoint: sb.url,
    region: options.region ?? 'eu-west-1',
    credentials: {
      accessKeyId: options.accountId ?? '111111111111',
      secretAccessKey: 'sandbox',
    },
    maxAttempts: 1,
  };
}

/**
 * Moves simulated time forward in steps, ticking the world after each, so
 * lifecycles see every moment as they would with a running clock.
 *
 * @public
 */
export function advanceSandbox(
  sb:
    | Pick<SandboxWorld, 'clock' | 'tick'>
    | Pick<RunningSandbox, 'clock' | 'world'>,
  ms: number,
  stepMs = 5_000,
): void {
  advanceWorld('world' in sb ? sb.world : sb, ms, stepMs);
}

/** The control API as a typed client. @public */
export interface SandboxControl {
  health(): Promise<{ status: string; now: string; speed: number }>;
  calls(options?: { entries?: boolean }): Promise<{
    total: number;
    counts: Record<string, number>;
    entries?: CallLogEntry[];
  }>;
  resetCalls(): Promise<void>;
  faults(): Promise<FaultConfig>;
  /** Replaces every fault rule (`{}` clears them). */
  setFaults(config: FaultConfig): Promise<FaultConfig>;
  /** Moves simulated time; resolves to the new simulated now. */
  advance(ms: number): Promise<string>;
}

/**
 * A client of a sandbox's control API over HTTP (`/_sandbox/*`), sending its
 * token, for benchmarks and tests that reach a sandbox outside their process
 * (e.g. the CLI: its printed URL and token). Refusals reject with the
 * sandbox's message.
 *
 * @public
 */
export function sandboxControl(
  sb: Pick<RunningSandbox, 'url' | 'controlToken'>,
): SandboxControl {
  const request = async <T>(
    method: 'GET' | 'POST' | 'PUT',
    route: string,
    body?: unknown,
  ): Promise<T> => {
    const res = await fetch(`${sb.url}/_sandbox/${route}`, {
      method,
      headers: {
        authorization: `Bearer ${sb.controlToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = await res.json();
    if (!res.ok) {
      throw new Error(
        `sandbox control ${method} ${route} answered ${res.status}: ${payload.error}`,
      );
    }
    return payload as T;
  };
  return {
    health: () => request('GET', 'health'),
    calls: options =>
      request('GET', options?.entries ? 'calls?entries=true' : 'calls'),
    resetCalls: async () => {
      await request('POST', 'calls/reset');
    },
    faults: () => request('GET', 'faults'),
    setFaults: config => request('PUT', 'faults', config),
    advance: async ms =>
      (await request<{ now: string }>('POST', 'clock/advance', { ms })).now,
  };
}

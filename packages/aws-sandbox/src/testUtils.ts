import type { RunningSandbox } from './server';
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
  let left = ms;
  while (left > 0) {
    const step = Math.min(stepMs, left);
    sb.clock.advance(step);
    if ('world' in sb) sb.world.tick();
    else sb.tick();
    left -= step;
  }
}
